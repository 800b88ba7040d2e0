import {
  DURATION,
  HOME_LATENCY_MS,
  LATENCY_CONNECTIONS,
  Load,
  Measured,
  THINQ_HEADERS,
  json,
  measure,
  nueyneToken,
  BenchContext,
} from '../harness';

/** Rows f and f.1: GET /v1/home against its upstream calls, at load and at light load. */
export async function homeRows(ctx: BenchContext): Promise<void> {
  const {
    dir,
    upstreams,
    gateway,
    want,
    verdict,
    auth,
    rows,
    load,
    measureGateway,
    onGateway,
    row,
    log,
  } = ctx;
  if (want('f')) {
    const home = await fetch(`${gateway.url}/v1/home`, { headers: auth });
    await home.arrayBuffer();
    if (home.status === 404) {
      rows.push({
        id: 'f',
        what: 'gateway GET /v1/home',
        note: 'not available: /v1/home answers 404 (route not built yet)',
      });
    } else {
      log('f: gateway /v1/home');
      await onGateway({ id: 'f', what: 'gateway GET /v1/home', baseline: 'a' }, () =>
        measureGateway(gateway.url, load(['/v1/home'], auth)),
      );
      if (want('f.1')) await homeUnderLightLoad();
    }
  }

  /**
   * /v1/home at light load against the slowest upstream call it makes (each measured directly at
   * the same load), with every simulator answering HOME_LATENCY_MS late as a vendor would: on
   * loopback they answer in a fraction of a millisecond, which would make the gateway's own
   * microseconds the whole comparison.
   */
  async function homeUnderLightLoad(): Promise<void> {
    const one = { connections: LATENCY_CONNECTIONS, duration: Math.max(3, DURATION / 2) };
    const [luxToken, legacyToken] = [await nueyneToken(upstreams.nueyne), await legacySignIn()];
    const month = new Date().toISOString().slice(0, 7);
    const calls: [string, string, Load][] = [
      [
        'Lux GET /user/me',
        upstreams.nueyne,
        load(['/api/v1/lux/user/me'], { authorization: `Bearer ${luxToken}` }, one),
      ],
      [
        'Legacy GET /device/my-devlog/{month}',
        upstreams.nueyne,
        load(
          [`/api/v1/legacy/device/my-devlog/${month}`],
          { authorization: `Bearer ${legacyToken}` },
          one,
        ),
      ],
      [
        'ThinQ GET /v2/devices',
        upstreams.thinq,
        load(['/v2/devices'], THINQ_HEADERS, {
          ...one,
          messageIds: true,
        }),
      ],
    ];
    await setLatency(HOME_LATENCY_MS);
    try {
      log(`f.1: the upstream calls of /v1/home, direct, +${HOME_LATENCY_MS} ms`);
      let slowest: (Measured & { what: string }) | undefined;
      const seen: string[] = [];
      for (const [what, base, spec] of calls) {
        const measured = await measure(base, spec, dir, 1);
        seen.push(`${what} ${measured.p50Ms.toFixed(2)}`);
        if (!slowest || measured.p50Ms > slowest.p50Ms) slowest = { ...measured, what };
      }
      rows.push({
        ...slowest,
        id: 'f0.1',
        what: `slowest upstream call of /v1/home, direct, ${LATENCY_CONNECTIONS} conn., +${HOME_LATENCY_MS} ms`,
        baseline: 'f0.1',
        note: `p50 ms: ${seen.join('; ')}`,
      });
      log(`f.1: gateway /v1/home, ${LATENCY_CONNECTIONS} connection(s), +${HOME_LATENCY_MS} ms`);
      await onGateway(
        {
          id: 'f.1',
          what: `gateway GET /v1/home, ${LATENCY_CONNECTIONS} conn., upstreams +${HOME_LATENCY_MS} ms`,
          baseline: 'f0.1',
        },
        () => measureGateway(gateway.url, load(['/v1/home'], auth, one), 1),
      );
    } finally {
      await setLatency(0);
    }
    const [f1, f01] = [row('f.1'), row('f0.1')];
    if (f1?.p50Ms !== undefined && f01?.p50Ms !== undefined) {
      const ratio = f1.p50Ms / f01.p50Ms;
      f1.note = `p50 +${(f1.p50Ms - f01.p50Ms).toFixed(2)} ms over the slowest call`;
      verdict(
        'f.1',
        'p50 <= 1.2 x the slowest upstream call (f0.1)',
        ratio.toFixed(2),
        ratio <= 1.2,
      );
    }
  }

  async function setLatency(latencyMs: number): Promise<void> {
    for (const base of [upstreams.nueyne, upstreams.thinq, upstreams.interwater]) {
      await fetch(`${base}/__sandbox/faults`, { method: 'DELETE' });
      if (latencyMs > 0) {
        await json(`${base}/__sandbox/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ route: '*', latencyMs }),
          expect: [200, 201, 204],
        });
      }
    }
  }

  async function legacySignIn(): Promise<string> {
    const res = await json(`${upstreams.nueyne}/api/v1/legacy/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=demo%40junction.dev&password=junction-demo',
      expect: [200],
    });
    return res.body.access_token as string;
  }
}
