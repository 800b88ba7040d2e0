import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  COLD_CONNECTIONS,
  COLD_LATENCY_MS,
  DURATION,
  PREFIX,
  Row,
  STATUS_FRESH_MS,
  WARMUP,
  fmt,
  json,
  measure,
  startGateway,
  stopWorkers,
  sum,
  treeRssMb,
  upstreamCounts,
  BenchContext,
} from '../harness';

/** Rows c, c2 and d: the warm and cold appliance status, one process and two workers. */
export async function statusRows(ctx: BenchContext): Promise<void> {
  const {
    dir,
    redis,
    upstreams,
    gateway,
    nginx,
    want,
    redisClient,
    verdict,
    auth,
    readable,
    gatewayStatusPath,
    rows,
    load,
    measureGateway,
    onGateway,
    row,
    log,
  } = ctx;
  if (want('c')) {
    log('c: gateway status, warm cache');
    await onGateway(
      {
        id: 'c',
        what: 'gateway GET /v1/appliances/{id}/status, warm',
        baseline: row('c0') ? 'c0' : nginx ? 'b' : 'a',
      },
      () => measureGateway(gateway.url, load([gatewayStatusPath], auth)),
    );
    statusVerdicts('c', rows[rows.length - 1]);
  }
  if (want('c2')) {
    // The same route on GATEWAY_WORKERS=2: a node:cluster primary and two workers on one port, on
    // the same and keys (so the same token works), started only for this row.
    log('c2: gateway status, warm cache, GATEWAY_WORKERS=2');
    const workers = await startGateway(redis, upstreams, dir, { GATEWAY_WORKERS: '2' }, 'workers');
    const deadline = Date.now() + 60000;
    while (readFileSync(workers.logFile, 'utf8').split('"msg":"worker listening"').length < 3) {
      if (Date.now() > deadline) throw new Error('the two workers did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const warm = await fetch(`${workers.url}${gatewayStatusPath}`, { headers: auth });
    await warm.arrayBuffer();
    const measured = await measureGateway(
      workers.url,
      load([gatewayStatusPath], auth),
      WARMUP,
      workers.pid,
    );
    const peak = treeRssMb(workers.pid, 'VmHWM');
    rows.push({
      id: 'c2',
      what: 'the same, GATEWAY_WORKERS=2 (two instances, one port)',
      baseline: row('c0') ? 'c0' : nginx ? 'b' : 'a',
      ...measured,
      rssMb: sum(treeRssMb(workers.pid, 'VmRSS')),
      note: `peak RSS (MB) of primary, workers: ${peak.map((mb) => fmt(mb, 0)).join(', ')}`,
    });
    statusVerdicts('c2', rows[rows.length - 1]);
    await stopWorkers(workers);
  }
  if (want('d')) {
    log(
      `d: gateway status, cold cache, ${COLD_CONNECTIONS} connections, ThinQ +${COLD_LATENCY_MS} ms`,
    );
    const cacheKeys = await redisClient.keys(`${PREFIX}cache:thinq-status:*`);
    const lockKeys = await redisClient.keys(`${PREFIX}lock:cache:thinq-status:*`);
    for (const key of [...cacheKeys, ...lockKeys]) await redisClient.del(key);
    // The gateway may still answer from its near-cache for NEAR_CACHE_MAX_AGE_MS: let it lapse.
    await sleep(1500);
    await json(`${upstreams.thinq}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        route: 'GET /v2/devices/status/:deviceId',
        latencyMs: COLD_LATENCY_MS,
      }),
      expect: [200, 201, 204],
    });
    const route = 'GET /v2/devices/status/:deviceId';
    const before = (await upstreamCounts(upstreams.thinq))[route] ?? 0;
    const paths = readable.map((id) => `/v1/appliances/${id}/status`);
    await onGateway(
      {
        id: 'd',
        what: `gateway status, cold, ${COLD_CONNECTIONS} conn, ${readable.length} devices`,
        baseline: 'c',
      },
      () => measure(gateway.url, load(paths, auth, { connections: COLD_CONNECTIONS }), dir, 0),
    );
    const calls = ((await upstreamCounts(upstreams.thinq))[route] ?? 0) - before;
    await fetch(`${upstreams.thinq}/__sandbox/faults`, { method: 'DELETE' });
    const d = rows[rows.length - 1];
    const perDevice = calls / readable.length;
    const allowed = Math.floor((DURATION * 1000) / STATUS_FRESH_MS) + 1;
    d.note = `${calls} ThinQ calls = ${((calls / (d.requests ?? 1)) * 1000).toFixed(2)} per 1,000 requests`;
    verdict(
      'd',
      `<= 1 ThinQ call per device per ${STATUS_FRESH_MS / 1000} s window (${allowed} in ${DURATION} s)`,
      `${perDevice.toFixed(1)} per device`,
      perDevice <= allowed,
    );
  }

  /** Row c's (and c2's) targets against the anchors of the same run. */
  function statusVerdicts(id: string, measured: Row): void {
    const c0 = row('c0');
    if (c0?.rps && measured.rps) {
      const ratio = measured.rps / c0.rps;
      verdict(id, '>= 0.6 x c0 req/s (stretch 0.8)', ratio.toFixed(2), ratio >= 0.6);
      verdict(id, 'stretch: >= 0.8 x c0 req/s', ratio.toFixed(2), ratio >= 0.8);
    }
    if (c0?.p99Ms !== undefined && measured.p99Ms !== undefined) {
      verdict(
        id,
        'p99 <= 2 x c0 p99',
        `${measured.p99Ms.toFixed(1)} ms vs ${c0.p99Ms.toFixed(1)} ms`,
        measured.p99Ms <= 2 * c0.p99Ms,
      );
    }
    if (measured.redisPerRequest !== undefined) {
      verdict(
        id,
        '<= 0.1 Redis commands per request',
        measured.redisPerRequest.toFixed(4),
        measured.redisPerRequest <= 0.1,
      );
    }
    const c1 = row('c1');
    if (c1?.cpuUsPerRequest && measured.cpuUsPerRequest) {
      const times = measured.cpuUsPerRequest / c1.cpuUsPerRequest;
      verdict(id, '(issue 26) CPU per request <= 1.4 x c1', times.toFixed(2), times <= 1.4);
    }
    const b0 = row('b0');
    const b = row('b');
    const notes = [
      c0?.cpuUsPerRequest && measured.cpuUsPerRequest
        ? `CPU per request ${(measured.cpuUsPerRequest / c0.cpuUsPerRequest).toFixed(2)} x c0's`
        : '',
      b0?.rps && measured.rps ? `${(measured.rps / b0.rps).toFixed(2)} x nginx cache (b0)` : '',
      b?.rps && measured.rps ? `${(measured.rps / b.rps).toFixed(2)} x nginx proxy (b)` : '',
    ].filter(Boolean);
    if (notes.length > 0)
      measured.note = [notes.join(', '), measured.note].filter(Boolean).join('; ');
    if (b?.rps && measured.rps && measured.p99Ms !== undefined) {
      const ratio = measured.rps / b.rps;
      verdict(
        id,
        '(issue 9) >= 0.5 x nginx proxy (b), p99 < 10 ms',
        `${ratio.toFixed(2)}, ${measured.p99Ms.toFixed(1)} ms`,
        ratio >= 0.5 && measured.p99Ms < 10,
      );
    }
  }
}
