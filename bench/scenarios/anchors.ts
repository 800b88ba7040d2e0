import {
  THINQ_HEADERS,
  measure,
  messageId,
  startGateway,
  stopWorkers,
  BenchContext,
} from '../harness';

/**
 * Rows a, b, b0, c0 and c1: the simulator, nginx, a bare Nest route and the gateway's envelope
 * around a precomputed answer, the anchors of the others.
 */
export async function anchorRows(ctx: BenchContext): Promise<void> {
  const {
    dir,
    upstreams,
    gateway,
    nginxUrls,
    nginx,
    want,
    auth,
    statusPath,
    gatewayStatusPath,
    rows,
    load,
    measureBare,
    measureGateway,
    row,
    verdict,
    redis,
    log,
  } = ctx;
  if (want('a')) {
    log('a: ThinQ simulator, status route, direct');
    rows.push({
      id: 'a',
      what: 'ThinQ simulator status, direct',
      baseline: 'a',
      ...(await measure(
        upstreams.thinq,
        load([statusPath], THINQ_HEADERS, { messageIds: true }),
        dir,
      )),
    });
  }
  if (want('b')) {
    if (nginx) {
      log('b: nginx -> ThinQ simulator');
      rows.push({
        id: 'b',
        what: 'nginx (1 worker, keepalive) -> simulator status',
        baseline: 'a',
        ...(await measure(nginx, load([statusPath], THINQ_HEADERS, { messageIds: true }), dir)),
      });
    } else {
      rows.push({
        id: 'b',
        what: 'nginx -> simulator status',
        note: 'skipped: nginx is not installed',
      });
    }
  }
  if (want('b0')) {
    if (nginxUrls) {
      // Anchor: nginx answering the same status from its own cache (the first call fills it).
      const first = await fetch(`${nginxUrls.cached}${statusPath}`, {
        headers: { ...THINQ_HEADERS, 'x-message-id': messageId() },
      });
      await first.arrayBuffer();
      const check = await fetch(`${nginxUrls.cached}${statusPath}`, {
        headers: { ...THINQ_HEADERS, 'x-message-id': messageId() },
      });
      await check.arrayBuffer();
      if (check.headers.get('x-cache') !== 'HIT')
        throw new Error(`nginx proxy_cache did not answer HIT (${check.headers.get('x-cache')})`);
      log('b0: nginx proxy_cache HIT');
      rows.push({
        id: 'b0',
        what: 'nginx proxy_cache HIT (anchor)',
        baseline: 'a',
        ...(await measure(nginxUrls.cached, load([statusPath], THINQ_HEADERS), dir)),
      });
    } else {
      rows.push({
        id: 'b0',
        what: 'nginx proxy_cache HIT',
        note: 'skipped: nginx is not installed',
      });
    }
  }
  if (want('c0')) {
    // Anchor: a bare Nest + Fastify route answering the JSON the gateway answers in row c.
    const res = await fetch(`${gateway.url}${gatewayStatusPath}`, { headers: auth });
    log('c0: bare NestJS + Fastify route, same JSON');
    rows.push({
      id: 'c0',
      what: 'bare NestJS + Fastify route, same JSON (anchor)',
      baseline: 'c0',
      ...(await measureBare('/status', { BARE_BODY: await res.text() })),
    });
  }
  if (want('c1')) {
    // The gateway's envelope (request id, security headers, ETag and 304, access line, request
    // histogram) around the same JSON, precomputed: a gateway of its own (bench/envelope.ts).
    const res = await fetch(`${gateway.url}${gatewayStatusPath}`, { headers: auth });
    log('c1: the gateway envelope around a precomputed answer');
    const probe = await startGateway(
      redis,
      upstreams,
      dir,
      { BARE_BODY: await res.text() },
      'envelope',
      [],
      'bench/envelope.ts',
    );
    try {
      rows.push({
        id: 'c1',
        what: 'gateway envelope around a precomputed answer',
        baseline: 'c0',
        ...(await measureGateway(probe.url, load(['/__bench/envelope'], {}), undefined, probe.pid)),
      });
    } finally {
      await stopWorkers(probe);
    }
    const [c0, c1] = [row('c0'), row('c1')];
    if (c0?.cpuUsPerRequest && c1?.cpuUsPerRequest) {
      const ratio = c1.cpuUsPerRequest / c0.cpuUsPerRequest;
      c1.note = `CPU per request ${ratio.toFixed(2)} x c0's`;
      verdict('c1', '(issue 26) CPU per request <= 1.5 x c0', ratio.toFixed(2), ratio <= 1.5);
    }
  }
}
