import request from 'supertest';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { eventually } from './support/eventually';
import { startStack, TestStack } from './support/stack';

const STATUS = 'GET /v2/devices/status/:deviceId';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 13, item 7: with ThinQ hanging, a cached status read waited 9.8 s behind the breaker's
 * half-open probe. A read that holds a usable cached value never waits on a probe or another
 * refresh for longer than CACHE_REFRESH_WAIT_MS.
 */
describe('a cached read never waits behind a probe', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        THINQ_STATUS_FRESH_MS: '200',
        THINQ_STATUS_SWR_MS: '300',
        THINQ_STATUS_STALE_IF_ERROR_MS: '120000',
        THINQ_RETRIES: '0',
        THINQ_BREAKER_THRESHOLD: '2',
        THINQ_BREAKER_HALF_OPEN_MS: '500',
        // A hanging ThinQ call ends after 5 s; a cached read waits 300 ms at most.
        THINQ_TIMEOUT_MS: '5000',
        CACHE_REFRESH_WAIT_MS: '300',
        LOG_LEVEL: 'error',
      },
    });
    token = (await stack.login('lux')).accessToken;
    await request(stack.http)
      .put('/v1/me/links/thinq')
      .auth(token, { type: 'bearer' })
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
  });
  afterAll(async () => {
    stack.thinq.faults.clear();
    await stack?.close();
  });

  const status = (device: string) =>
    request(stack.http).get(`/v1/appliances/${device}/status`).auth(token, { type: 'bearer' });

  it('serves the cached status at once while the half-open probe hangs, and refreshes after', async () => {
    const cached = THINQ_DEVICE_IDS.airConditioner;
    const other = THINQ_DEVICE_IDS.airPurifier;
    expect((await status(cached)).headers['x-cache']).toBe('MISS');
    await sleep(600); // past fresh + stale-while-revalidate: a read now wants a refresh

    // Two 503s open ThinQ's breaker (threshold 2).
    stack.thinq.faults.add({ route: STATUS, fail: { count: 2, status: 503 } });
    expect((await status(other)).status).toBe(503);
    expect((await status(other)).status).toBe(503);
    await sleep(700); // past the half-open delay: the next call is the probe

    stack.thinq.faults.add({ route: STATUS, hang: true });
    const before = stack.thinq.faults.count(STATUS);
    const probe = status(other).then((res) => res.status);
    await eventually(() => stack.thinq.faults.count(STATUS) > before, { everyMs: 10 });

    const started = Date.now();
    const stale = await status(cached);
    const waited = Date.now() - started;
    // Not the 5 s of the hanging probe: the 300 ms wait, with a wide margin for a busy machine.
    expect(waited).toBeLessThan(2500);
    expect(stale.status).toBe(200);
    expect(stale.headers['x-cache']).toBe('STALE');
    expect(stale.headers['x-stale-reason']).toBe('UPSTREAM_TIMEOUT');
    expect(stale.body.airConJobMode.currentJobMode).toBe('COOL');
    // A read arriving while that refresh is still running is answered without waiting again.
    const again = Date.now();
    expect((await status(cached)).headers['x-cache']).toBe('STALE');
    expect(Date.now() - again).toBeLessThan(2500);

    // ThinQ answers again: the probe ends, and the value is refreshed.
    stack.thinq.patchStatus(cached, { airConJobMode: { currentJobMode: 'AIR_DRY' } });
    stack.thinq.faults.clear();
    await probe;
    await eventually(
      async () => (await status(cached)).body.airConJobMode?.currentJobMode === 'AIR_DRY',
      { timeoutMs: 15000, everyMs: 200 },
    );
  });
});
