import Fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector } from './faults';

describe('FaultInjector: hang', () => {
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
