import {
  LiveHeapSample,
  MemorySample,
  flatAfterWarmup,
  heapUsedMbOf,
  liveHeapOf,
  rssMbOf,
  seriesTable,
  verdictLine,
} from '../soak';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ROOT,
  SOAK_CONNECTIONS,
  SOAK_FLAT_PERCENT,
  SOAK_GC_SECONDS,
  SOAK_IDLE_SECONDS,
  SOAK_SAMPLE_SECONDS,
  SOAK_SECONDS,
  SOAK_SIGNINS_PER_SECOND,
  drive,
  fmt,
  json,
  rssMb,
  startGateway,
  stopWorkers,
  userToken,
  BenchContext,
} from '../harness';

/** The soak row: ten minutes of mixed load, memory and event-loop flat. */
export async function soakRow(ctx: BenchContext): Promise<void> {
  const { dir, redis, upstreams, want, readable, rows, soakReport, load, log } = ctx;
  if (want('soak')) {
    log(
      `soak: mixed load, ${SOAK_CONNECTIONS} connections, ${SOAK_SECONDS} s, then ${SOAK_IDLE_SECONDS} s idle`,
    );
    const soak = await startGateway(
      redis,
      upstreams,
      dir,
      {
        // One token for the whole run, however long; limits lifted as for the other rows.
        GATEWAY_ACCESS_TOKEN_TTL_SECONDS: '86400',
        RATE_LIMITS: JSON.stringify({
          default: { limit: 1_000_000_000, windowSeconds: 60 },
          auth: { limit: 1_000_000_000, windowSeconds: 60 },
        }),
      },
      'soak',
      ['--expose-gc', '-r', join(ROOT, 'bench/gc-probe.js')],
    );
    const soakToken = await userToken(soak);
    const soakAuth = { authorization: `Bearer ${soakToken}` };
    const paths = [
      ...readable.map((id) => `/v1/appliances/${id}/status`),
      '/v1/me',
      '/v1/home',
      '/v1/devices',
      '/v1/me/links',
      '/v1/appliances',
      '/v1/therapy/devices',
    ];
    const samples: MemorySample[] = [];
    const live: LiveHeapSample[] = [];
    const started = Date.now();
    const elapsed = () => Math.round((Date.now() - started) / 1000);
    let loading = true;
    const sampler = (async () => {
      let lastGc = -Infinity;
      while (loading) {
        const t = elapsed();
        const rss = rssMbOf(soak.pid);
        if (rss !== undefined)
          samples.push({ t, rssMb: rss, heapUsedMb: await heapUsedMbOf(soak.url) });
        if (t - lastGc >= SOAK_GC_SECONDS) {
          lastGc = t;
          const sample = await liveHeapOf(soak.pid, soak.logFile, t);
          if (sample) live.push(sample);
        }
        await sleep(SOAK_SAMPLE_SECONDS * 1000);
      }
    })();
    // New sessions all along (sign in, one request, revoke): per-token and per-session state must
    // stay bounded too, not only per-request state.
    let signIns = 0;
    const churn = (async () => {
      while (loading && SOAK_SIGNINS_PER_SECOND > 0) {
        const res = await json(`${soak.url}/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=password&provider=lux&username=demo%40junction.dev&password=junction-demo',
        });
        const access = res.body.access_token as string | undefined;
        if (access) {
          signIns += 1;
          await json(`${soak.url}/v1/me/links`, { headers: { authorization: `Bearer ${access}` } });
          await json(`${soak.url}/v1/auth/revoke`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `token=${encodeURIComponent(res.body.refresh_token as string)}`,
          });
        }
        await sleep(1000 / SOAK_SIGNINS_PER_SECOND);
      }
    })();
    const measured = await drive(
      soak.url,
      load(paths, soakAuth, { connections: SOAK_CONNECTIONS, duration: SOAK_SECONDS }),
      dir,
    );
    loading = false;
    await Promise.all([sampler, churn]);
    const loadEnd = elapsed();
    const rssVerdict = flatAfterWarmup(
      samples.map((x) => x.rssMb),
      SOAK_FLAT_PERCENT,
    );
    // Heap used swings with every collection; the live heap after a full GC is what a leak grows.
    const liveVerdict = flatAfterWarmup(
      live.filter((x) => x.t > 0).map((x) => x.liveHeapMb),
      SOAK_FLAT_PERCENT,
    );
    const heapUsed = samples.filter((x) => x.heapUsedMb !== undefined).map((x) => x.heapUsedMb!);
    await sleep(SOAK_IDLE_SECONDS * 1000);
    const idleRss = rssMbOf(soak.pid);
    const idleHeap = await heapUsedMbOf(soak.url);
    const idleLive = await liveHeapOf(soak.pid, soak.logFile, elapsed());
    const peakRss = rssMb(soak.pid, 'VmHWM');
    rows.push({
      id: 'soak',
      what: `mixed load (${paths.length} routes + ${SOAK_SIGNINS_PER_SECOND} sign-in/s), ${SOAK_CONNECTIONS} conn, ${SOAK_SECONDS} s`,
      ...measured,
      rssMb: samples.at(-1)?.rssMb,
      note: `RSS flat after warm-up: ${rssVerdict ? (rssVerdict.flat ? 'yes' : 'NO') : 'n/a'}; peak ${fmt(peakRss, 0)} MB`,
    });
    const liveFirst = live.find((l) => l.t >= loadEnd / 3);
    const liveLast = live.at(-1);
    soakReport.push(
      '',
      `soak (${SOAK_SECONDS} s of load, ${signIns} sign-ins, samples every ${SOAK_SAMPLE_SECONDS} s; the first third is warm-up):`,
      '',
      seriesTable(samples, live, Math.max(1, Math.round(30 / SOAK_SAMPLE_SECONDS))),
      '',
      `soak verdict: ${verdictLine('RSS', rssVerdict)}`,
      `soak: ${verdictLine('live heap after a full GC', liveVerdict)}`,
      `soak: heap used between collections ${fmt(Math.min(...heapUsed), 0)} to ${fmt(Math.max(...heapUsed), 0)} MB`,
      `soak: live heap after a full GC ${liveFirst ? fmt(liveFirst.liveHeapMb, 1) : '?'} MB at ${liveFirst?.t ?? '?'} s -> ` +
        `${liveLast ? fmt(liveLast.liveHeapMb, 1) : '?'} MB at ${liveLast?.t ?? '?'} s; ` +
        `after ${SOAK_IDLE_SECONDS} s idle: RSS ${fmt(idleRss, 0)} MB, heap used ${fmt(idleHeap, 0)} MB, ` +
        `live heap ${idleLive ? fmt(idleLive.liveHeapMb, 1) : '?'} MB (RSS then ${idleLive ? fmt(idleLive.rssMb, 0) : '?'} MB)`,
    );
    await stopWorkers(soak);
  }
}
