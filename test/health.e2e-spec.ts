import { eventually } from './support/eventually';
import request from 'supertest';
import { startGateway, TestGateway } from './support/gateway';
import { RedisProcess, startRedis } from './support/redis-server';

describe('health', () => {
  let redis: RedisProcess;
  let gateway: TestGateway;

  beforeAll(async () => {
    redis = await startRedis();
    gateway = await startGateway({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await gateway.close();
    await redis.stop();
  });

  const ready = () => request(gateway.app.getHttpServer()).get('/health/ready');

  it('is live and ready with Redis up, reporting each upstream', async () => {
    await request(gateway.app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
    const res = await ready();
    expect(res.status).toBe(200);
    expect(res.body.redis).toEqual({ status: 'up', kind: 'redis' });
    expect(Object.keys(res.body.upstreams).sort()).toEqual(['interwater', 'nueyne', 'thinq']);
    expect(res.body.upstreams.nueyne.mode).toBe('simulator');
  });

  it('turns unready within a few seconds of Redis stopping, and ready again when it returns', async () => {
    const port = redis.port;
    await redis.stop();
    await eventually(async () => (await ready()).status === 503, { timeoutMs: 5000 });
    const down = await ready();
    expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(down.body).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      checks: { redis: { status: 'down' } },
    });
    // Liveness does not depend on Redis: restarting the process would not help.
    await request(gateway.app.getHttpServer()).get('/health/live').expect(200);

    redis = await startRedis([], port);
    await eventually(async () => (await ready()).status === 200, { timeoutMs: 10000 });
  });
});
