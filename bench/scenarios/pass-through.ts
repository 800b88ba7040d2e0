import { LATENCY_CONNECTIONS, measure, nueyneToken, BenchContext } from '../harness';

/** Row e: the pass-through routes (GET /v1/me) against direct calls and a bare Nest pass-through. */
export async function passThroughRows(ctx: BenchContext): Promise<void> {
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
    measureBare,
    row,
    log,
  } = ctx;
  if (want('e')) {
    const me = await fetch(`${gateway.url}/v1/me`, { headers: auth });
    await me.arrayBuffer();
    if (me.status === 404) {
      rows.push({
        id: 'e',
        what: 'gateway GET /v1/me',
        note: 'not available: /v1/me answers 404 (route not built yet)',
      });
    } else {
      log('e0: Nueyne simulator /me, direct');
      const nueyne = await nueyneToken(upstreams.nueyne);
      rows.push({
        id: 'e0',
        what: 'Nueyne simulator GET /api/v1/lux/user/me, direct',
        baseline: 'e0',
        ...(await measure(
          upstreams.nueyne,
          load(['/api/v1/lux/user/me'], { authorization: `Bearer ${nueyne}` }),
          dir,
        )),
      });
      // Anchor: the same call through a bare Nest route and undici, nothing else (the floor of a
      // Nest pass-through here).
      log('eb: bare NestJS + undici pass-through to the same /me');
      rows.push({
        id: 'eb',
        what: 'bare NestJS + undici pass-through, same /me (anchor)',
        baseline: 'e0',
        ...(await measureBare('/me', {
          BARE_UPSTREAM: upstreams.nueyne,
          BARE_UPSTREAM_TOKEN: nueyne,
        })),
      });
      log('e: gateway /v1/me (uncached pass-through)');
      await onGateway({ id: 'e', what: 'gateway GET /v1/me (pass-through)', baseline: 'e0' }, () =>
        measureGateway(gateway.url, load(['/v1/me'], auth)),
      );
      // The same pair without queueing: what the gateway adds to one request.
      const one = { connections: LATENCY_CONNECTIONS };
      log(`e0/e at ${LATENCY_CONNECTIONS} connection(s)`);
      rows.push({
        id: 'e0.1',
        what: `Nueyne /me direct, ${LATENCY_CONNECTIONS} connection(s)`,
        baseline: 'e0.1',
        ...(await measure(
          upstreams.nueyne,
          load(['/api/v1/lux/user/me'], { authorization: `Bearer ${nueyne}` }, one),
          dir,
        )),
      });
      await onGateway(
        {
          id: 'e.1',
          what: `gateway GET /v1/me, ${LATENCY_CONNECTIONS} connection(s)`,
          baseline: 'e0.1',
        },
        () => measureGateway(gateway.url, load(['/v1/me'], auth, one)),
      );
      for (const [id, base] of [
        ['e', 'e0'],
        ['e.1', 'e0.1'],
      ]) {
        const measured = row(id);
        const direct = row(base);
        if (measured?.p50Ms !== undefined && direct?.p50Ms !== undefined) {
          measured.note = `p50 +${(measured.p50Ms - direct.p50Ms).toFixed(2)} ms over direct`;
        }
      }
      const [e, e0, e1, e01] = [row('e'), row('e0'), row('e.1'), row('e0.1')];
      const eb = row('eb');
      if (e?.rps && e0?.rps) {
        const ratio = e.rps / e0.rps;
        verdict(
          'e',
          '>= 0.4 x e0 req/s',
          `${ratio.toFixed(2)}${eb?.rps ? ` (the bare pass-through eb: ${(eb.rps / e0.rps).toFixed(2)}; e is ${(e.rps / eb.rps).toFixed(2)} x eb)` : ''}`,
          ratio >= 0.4,
        );
      }
      if (e?.cpuUsPerRequest && eb?.cpuUsPerRequest) {
        const times = e.cpuUsPerRequest / eb.cpuUsPerRequest;
        verdict('e', '(issue 26) CPU per request <= 1.5 x eb', times.toFixed(2), times <= 1.5);
      }
      if (e1?.p50Ms !== undefined && e01?.p50Ms !== undefined) {
        const added = e1.p50Ms - e01.p50Ms;
        verdict('e.1', 'p50 over e0.1 < 0.5 ms', `+${added.toFixed(2)} ms`, added < 0.5);
      }
    }
  }
}
