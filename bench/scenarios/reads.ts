import { BENCH_CLIENT, json, BenchContext, Row } from '../harness';

/**
 * Rows t/tb and k/kb (issue 26): two more pass-through reads beside their bare anchors, a Legacy
 * therapy log list (`GET /v1/therapy/logs`) and an Interwater usage report
 * (`GET /v1/conference/usage`, a service client's token), each against a bare Nest route passing
 * the same upstream call through undici (bench/bare-nest.ts, `GET /pass`).
 */
export async function readRows(ctx: BenchContext): Promise<void> {
  const {
    upstreams,
    gateway,
    want,
    verdict,
    auth,
    rows,
    load,
    measureGateway,
    onGateway,
    measureBare,
    row,
    log,
  } = ctx;
  const month = new Date().toISOString().slice(0, 7);
  if (want('t')) {
    const signIn = await json(`${upstreams.nueyne}/api/v1/legacy/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=demo%40junction.dev&password=junction-demo',
      expect: [200],
    });
    const legacy = { authorization: `Bearer ${signIn.body.access_token as string}` };
    log('tb: bare NestJS + undici pass-through of the Legacy therapy logs');
    rows.push({
      id: 'tb',
      what: 'bare NestJS + undici pass-through, Legacy my-devlog (anchor)',
      ...(await measureBare('/pass', {
        BARE_UPSTREAM: upstreams.nueyne,
        BARE_PASS_PATH: `/api/v1/legacy/device/my-devlog/${month}`,
        BARE_PASS_HEADERS: JSON.stringify(legacy),
      })),
    });
    log('t: gateway GET /v1/therapy/logs');
    await onGateway({ id: 't', what: 'gateway GET /v1/therapy/logs (pass-through)' }, () =>
      measureGateway(gateway.url, load([`/v1/therapy/logs?month=${month}`], auth)),
    );
    ratio('t', 'tb');
  }
  if (want('k')) {
    const day = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const token = await json(`${gateway.url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: BENCH_CLIENT.id,
        client_secret: BENCH_CLIENT.secret,
      }).toString(),
      expect: [200],
    });
    const service = { authorization: `Bearer ${token.body.access_token as string}` };
    const jwt = await json<{ data: { accessToken: string } }>(`${upstreams.interwater}/v1/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessKey: 'sandbox-access-key', secretKey: 'sandbox-secret-key' }),
      expect: [200],
    });
    log('kb: bare NestJS + undici pass-through of the Interwater usage report');
    rows.push({
      id: 'kb',
      what: 'bare NestJS + undici pass-through, Interwater /v1/static (anchor)',
      ...(await measureBare('/pass', {
        BARE_UPSTREAM: upstreams.interwater,
        BARE_PASS_PATH: `/v1/static?startTime=${day}`,
        BARE_PASS_HEADERS: JSON.stringify({ 's-connector-jwt': jwt.body.data.accessToken }),
      })),
    });
    log('k: gateway GET /v1/conference/usage');
    await onGateway(
      { id: 'k', what: 'gateway GET /v1/conference/usage (pass-through, service token)' },
      () => measureGateway(gateway.url, load([`/v1/conference/usage?from=${day}`], service)),
    );
    ratio('k', 'kb');
  }

  /** The issue 26 target of a pass-through row: CPU per request <= 1.5 x its bare anchor's. */
  function ratio(id: string, anchor: string): void {
    const [measured, bare]: (Row | undefined)[] = [row(id), row(anchor)];
    if (!measured?.cpuUsPerRequest || !bare?.cpuUsPerRequest) return;
    const times = measured.cpuUsPerRequest / bare.cpuUsPerRequest;
    measured.note = `CPU per request ${times.toFixed(2)} x ${anchor}'s`;
    verdict(id, `(issue 26) CPU per request <= 1.5 x ${anchor}`, times.toFixed(2), times <= 1.5);
  }
}
