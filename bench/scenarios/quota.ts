import { setTimeout as sleep } from 'node:timers/promises';
import { RedisProcess } from '../../test/support/redis-server';
import {
  BenchContext,
  json,
  measure,
  QUOTA_BUDGET,
  QUOTA_CONNECTIONS,
  QUOTA_DURATION,
  QUOTA_RESERVE,
  Row,
  rssMb,
  startGateway,
  stopWorkers,
  upstreamCounts,
  userToken,
} from '../harness';

/** Row q: the ThinQ call budget under load (quotaScenario). */
export async function quotaRow(ctx: BenchContext): Promise<void> {
  const { dir, redis, upstreams, want, readable, rows, log } = ctx;
  if (want('q')) {
    log(
      `q: ThinQ quota, ${QUOTA_CONNECTIONS} connections for ${QUOTA_DURATION} s on /v1/devices, /v1/home and ${readable.length} statuses, budget ${QUOTA_BUDGET}/h`,
    );
    rows.push(await quotaScenario(redis, upstreams, dir, readable));
  }
}

/** ThinQ calls the simulator received, all device routes together. */
async function thinqCalls(thinq: string): Promise<number> {
  const counts = await upstreamCounts(thinq);
  return Object.entries(counts)
    .filter(([route]) => route.includes('/v2/devices'))
    .reduce((total, [, count]) => total + count, 0);
}

/**
 * Scenario q (issue 13): one session hammering the screens and statuses must spend at most the
 * account's ThinQ call budget, and keep getting 200 with appliances (stale, with a warning, once
 * the budget is spent). Its own gateway and Redis prefix, so the budget starts empty; ThinQ calls
 * are counted at the simulator, the link's check included. A sampler reads /v1/devices and
 * /v1/home every 2 s during the run to see the appliances and the warnings a frontend would.
 */
async function quotaScenario(
  redis: RedisProcess,
  upstreams: { nueyne: string; thinq: string; interwater: string },
  dir: string,
  devices: string[],
): Promise<Row> {
  const before = await thinqCalls(upstreams.thinq);
  const quota = await startGateway(
    redis,
    upstreams,
    dir,
    {
      REDIS_KEY_PREFIX: 'bench-quota:',
      THINQ_HOURLY_CALL_BUDGET: String(QUOTA_BUDGET),
      THINQ_COMMAND_RESERVE: String(QUOTA_RESERVE),
      // 5 s fresh + 5 s stale-while-revalidate: once the budget is spent, a status older than
      // 10 s is answered with its reason (x-stale-reason), which the sampler can see in 60 s.
      THINQ_STATUS_SWR_MS: '5000',
    },
    'quota',
  );
  try {
    const auth = { authorization: `Bearer ${await userToken(quota)}` };
    const paths = [
      '/v1/devices',
      '/v1/home',
      ...devices.map((id) => `/v1/appliances/${id}/status`),
    ];
    const samples = { total: 0, withAppliances: 0, warned: 0, failed: 0, statuses: 0, frozen: 0 };
    let running = true;
    const sampler = (async () => {
      while (running) {
        for (const path of ['/v1/devices', '/v1/home']) {
          const res = await json<{
            items?: { source: string }[];
            devices?: { source: string }[];
            warnings?: { code: string }[];
          }>(`${quota.url}${path}`, { headers: auth });
          samples.total += 1;
          if (res.status !== 200) {
            samples.failed += 1;
            continue;
          }
          const items = res.body.items ?? res.body.devices ?? [];
          if (items.some((item) => item.source === 'thinq')) samples.withAppliances += 1;
          if (res.body.warnings?.some((w) => w.code === 'UPSTREAM_QUOTA_EXHAUSTED'))
            samples.warned += 1;
        }
        // A status, as a frontend polls it: once the budget is spent it is served frozen, marked.
        const status = await fetch(`${quota.url}${paths[2]}`, { headers: auth });
        await status.arrayBuffer();
        samples.statuses += 1;
        if (status.status !== 200) samples.failed += 1;
        if (status.headers.get('x-stale-reason') === 'UPSTREAM_QUOTA_EXHAUSTED')
          samples.frozen += 1;
        await sleep(2000);
      }
    })();
    const measured = await measure(
      quota.url,
      {
        paths,
        headers: auth,
        connections: QUOTA_CONNECTIONS,
        duration: QUOTA_DURATION,
      },
      dir,
      0,
    );
    running = false;
    await sampler;
    const calls = (await thinqCalls(upstreams.thinq)) - before;
    const ok =
      calls <= QUOTA_BUDGET &&
      measured.non2xx + measured.errors === 0 &&
      samples.failed === 0 &&
      samples.withAppliances === samples.total;
    return {
      id: 'q',
      what: `quota: ${paths.length} paths, 1 session, ${QUOTA_CONNECTIONS} conn, ${QUOTA_DURATION} s`,
      ...measured,
      rssMb: rssMb(quota.pid, 'VmRSS'),
      note:
        `${calls} ThinQ calls (link check included) for ${measured.requests} requests; budget ${QUOTA_BUDGET}/h, ${QUOTA_BUDGET - QUOTA_RESERVE} for reads; ` +
        `samples: ${samples.withAppliances}/${samples.total} devices/home with appliances (${samples.warned} warned UPSTREAM_QUOTA_EXHAUSTED), ` +
        `${samples.statuses - samples.frozen} statuses fresh and ${samples.frozen} stale with x-stale-reason UPSTREAM_QUOTA_EXHAUSTED; ` +
        `target calls <= budget, all 200 with appliances: ${ok ? 'met' : 'NOT met'}`,
    };
  } finally {
    await stopWorkers(quota);
  }
}
