import Fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector } from './faults';

describe('FaultInjector', () => {
  let app: FastifyInstance;
  let faults: FaultInjector;
  let base: string;

  beforeEach(async () => {
    app = Fastify();
    faults = new FaultInjector();
    faults.attach(app);
    app.get('/ping', () => ({ pong: true }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => app.close());

  describe('hang', () => {
    it('holds the call until the fault is cleared, then the route answers it', async () => {
      faults.add({ route: 'GET /ping', hang: true });
      let settled = false;
      const call = fetch(`${base}/ping`).then(async (res) => {
        settled = true;
        return { status: res.status, body: await res.json() };
      });
      // The call reached the simulator and is held there.
      for (let i = 0; i < 100 && faults.count('GET /ping') === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(faults.count('GET /ping')).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(settled).toBe(false);

      faults.clear();
      await expect(call).resolves.toEqual({ status: 200, body: { pong: true } });
    });

    it('lets go of a held call whose client gave up', async () => {
      faults.add({ route: 'GET /ping', hang: true });
      const gaveUp = fetch(`${base}/ping`, { signal: AbortSignal.timeout(100) });
      await expect(gaveUp).rejects.toThrow();
      for (let i = 0; i < 100 && faults.holding() > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(faults.holding()).toBe(0);
      // The simulator still answers once the fault is gone.
      faults.clear();
      expect((await fetch(`${base}/ping`)).status).toBe(200);
    });
  });

  describe('a brownout (fail.ratio) and calls in flight', () => {
    it('fails that share of the calls, evenly, until count have failed', async () => {
      faults.add({ route: 'GET /ping', fail: { count: 4, status: 503, ratio: 0.3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await fetch(`${base}/ping`)).status);
      const failed = statuses.flatMap((status, i) => (status === 503 ? [i + 1] : []));
      // Calls 4, 7, 10 and 14 (floor(n x 0.3) grows), then the count is spent.
      expect(failed).toEqual([4, 7, 10, 14]);
    });

    it('is refused over HTTP with a ratio outside 0 to 1', async () => {
      const res = await fetch(`${base}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ route: '*', fail: { count: 1, status: 500, ratio: 2 } }),
      });
      expect(res.status).toBe(400);
    });

    it('counts the calls in progress and their peak', async () => {
      faults.add({ route: 'GET /ping', latencyMs: 200 });
      const calls = Array.from({ length: 3 }, () => fetch(`${base}/ping`));
      for (let i = 0; i < 100 && faults.inFlight() < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(faults.inFlight()).toBe(3);
      await Promise.all(calls);
      expect(faults.inFlight()).toBe(0);
      const seen = (await (await fetch(`${base}/__sandbox/calls`)).json()) as Record<
        string,
        number
      >;
      expect({ inFlight: seen.inFlight, peakInFlight: seen.peakInFlight }).toEqual({
        inFlight: 0,
        peakInFlight: 3,
      });
    });
  });
});
