import { eventually } from './support/eventually';
import request from 'supertest';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { TestGateway } from './support/gateway';
import { expectProblem } from './support/http';
import { RELAXED_RATE_LIMITS, startStack, TestStack } from './support/stack';

type Server = Parameters<typeof request>[0];

const CONTROL = 'POST /v2/devices/control/:deviceId';
const LUX_SIGN_UP = 'POST /api/v1/lux/auth/email/signup';
const CREATE_MEMBER = 'POST /api/v1/lux/user/create-real-user';
const DEVICE = THINQ_DEVICE_IDS.airConditioner;
const COMMAND = `/v1/appliances/${DEVICE}/commands`;
const WIND = (windStrength: string) => ({ airFlow: { windStrength } });

let keys = 0;
const newKey = () => `0b9c1d2e-${Date.now()}-${(keys += 1)}`;

/**
 * `Idempotency-Key` on appliance commands, sign-ups and member creation: a retried request (its
 * answer lost on a mobile network) answers what the first did without reaching the vendor again,
 * on any instance; the same key with another body is 422; a duplicate of a request in flight waits
 * for it or gets 409; a failed request keeps nothing.
 */
describe('Idempotency-Key', () => {
  let stack: TestStack;
  let other: TestGateway;
  let a: Server;
  let b: Server;
  let userA: string;

  beforeAll(async () => {
    stack = await startStack({ env: { RATE_LIMITS: JSON.stringify(RELAXED_RATE_LIMITS) } });
    other = await stack.startInstance();
    a = stack.http;
    b = other.app.getHttpServer();
    userA = (await stack.login()).accessToken;
    await request(a)
      .put('/v1/me/links/thinq')
      .set('authorization', `Bearer ${userA}`)
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
  });
  afterAll(() => stack.close());
  afterEach(() => stack.thinq.faults.clear());

  const command = (server: Server, token: string, key: string | undefined, body: unknown) => {
    const test = request(server).post(COMMAND).set('authorization', `Bearer ${token}`);
    return (key === undefined ? test : test.set('idempotency-key', key)).send(body as object);
  };
  const controls = () => stack.thinq.faults.count(CONTROL);

  it('answers a retried command again without sending it twice, on either instance', async () => {
    const key = newKey();
    const before = controls();
    const first = await command(a, userA, key, WIND('HIGH'));
    expect(first.status).toBe(204);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await command(a, userA, key, WIND('HIGH'));
    const elsewhere = await command(b, userA, `"${key}"`, WIND('HIGH'));
    for (const replay of [again, elsewhere]) {
      expect(replay.status).toBe(204);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    }
    expect(controls() - before).toBe(1);
    // Without a key, a second command is a second command.
    await command(a, userA, undefined, WIND('HIGH')).expect(204);
    await command(a, userA, undefined, WIND('HIGH')).expect(204);
    expect(controls() - before).toBe(3);
  });

  it('refuses the same key with another body: 422 naming the header, nothing sent', async () => {
    const key = newKey();
    await command(a, userA, key, WIND('HIGH')).expect(204);
    const before = controls();
    const res = await command(b, userA, key, WIND('LOW'));
    expectProblem(res, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(res.body.errors).toEqual([
      { field: 'Idempotency-Key', message: 'was used with another body' },
    ]);
    expect(controls()).toBe(before);
  });

  it('keys are per caller: another user with the same key runs their own command', async () => {
    const userB = (await stack.login()).accessToken;
    await request(a)
      .put('/v1/me/links/thinq')
      .set('authorization', `Bearer ${userB}`)
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
    const key = newKey();
    const before = controls();
    await command(a, userA, key, WIND('HIGH')).expect(204);
    // Another session of the demo user is the same caller; a sign-in of another user is not.
    const legacy = (await stack.login('legacy')).accessToken;
    await request(a)
      .put('/v1/me/links/thinq')
      .set('authorization', `Bearer ${legacy}`)
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
    const theirs = await command(a, legacy, key, WIND('HIGH'));
    expect(theirs.status).toBe(204);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    const mine = await command(b, userB, key, WIND('HIGH'));
    expect(mine.headers['idempotent-replayed']).toBe('true');
    expect(controls() - before).toBe(2);
  });

  it('a duplicate of a command in flight waits for its answer, or gets 409 past 2 s', async () => {
    stack.thinq.faults.add({ route: CONTROL, latencyMs: 500 });
    const key = newKey();
    const before = controls();
    const first = command(a, userA, key, WIND('HIGH')).then((r) => r);
    // The first is at ThinQ (so its key is taken) before the duplicate is sent.
    await eventually(() => controls() > before, { timeoutMs: 5000, everyMs: 10 });
    const waited = await command(b, userA, key, WIND('HIGH'));
    expect((await first).status).toBe(204);
    expect(waited.status).toBe(204);
    expect(waited.headers['idempotent-replayed']).toBe('true');
    expect(controls() - before).toBe(1);

    stack.thinq.faults.clear();
    stack.thinq.faults.add({ route: CONTROL, latencyMs: 3500 });
    const slowKey = newKey();
    const beforeSlow = controls();
    const slow = command(a, userA, slowKey, WIND('LOW')).then((r) => r);
    await eventually(() => controls() > beforeSlow, { timeoutMs: 5000, everyMs: 10 });
    const busy = await command(b, userA, slowKey, WIND('LOW'));
    expectProblem(busy, 409, 'IDEMPOTENT_REQUEST_IN_FLIGHT');
    expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    expect((await slow).status).toBe(204);
    expect((await command(b, userA, slowKey, WIND('LOW'))).headers['idempotent-replayed']).toBe(
      'true',
    );
  }, 15000);

  it('a failed request keeps nothing: the same key sends it again', async () => {
    const key = newKey();
    stack.thinq.faults.add({ route: CONTROL, fail: { count: 10, status: 503 } });
    const failed = await command(a, userA, key, WIND('HIGH'));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    stack.thinq.faults.clear();
    const before = controls();
    const retried = await command(a, userA, key, WIND('HIGH'));
    expect(retried.status).toBe(204);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(controls() - before).toBe(1);
  });

  it('refuses a key that is not 1 to 255 visible characters: 400 naming the header', async () => {
    for (const key of ['x'.repeat(256), 'has space', '']) {
      const res = await command(a, userA, key, WIND('HIGH'));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors[0]).toMatchObject({ field: 'Idempotency-Key' });
    }
  });

  it('a retried sign-up answers the same tokens, signs up once, and keeps no token in plaintext', async () => {
    const phone = '+821077770042';
    await request(a).post('/v1/accounts/lux/phone-verifications').send({ phone }).expect(202);
    const confirmed = await request(a)
      .post('/v1/accounts/lux/phone-verifications/confirm')
      .send({ phone, verificationCode: stack.nueyne.lastSmsCode(phone) })
      .expect(200);
    const body = {
      verificationToken: confirmed.body.verificationToken as string,
      email: 'retried.signup@junction.dev',
      password: 'new-secret-1',
      firstName: 'Minji Park',
      birthdate: '1997-01-31',
      gender: 'F',
      nationalCode: 'KR',
      isPushAgree: true,
      isMarketingAgree: false,
    };
    const key = newKey();
    const before = stack.nueyne.faults.count(LUX_SIGN_UP);
    const first = await request(a).post('/v1/accounts/lux').set('idempotency-key', key).send(body);
    expect(first.status).toBe(201);
    const again = await request(b).post('/v1/accounts/lux').set('idempotency-key', key).send(body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.body).toEqual(first.body);
    expect(stack.nueyne.faults.count(LUX_SIGN_UP) - before).toBe(1);

    const store = stack.gateway.app.get(
      (await import('../src/redis/key-value.store')).KeyValueStore,
    );
    const raw = (store as unknown as { raw: import('ioredis').Redis }).raw;
    const found = await raw.keys(`${stack.gateway.keyPrefix}idem:*`);
    expect(found.length).toBeGreaterThan(0);
    for (const name of found) {
      const value = (await raw.get(name.slice(stack.gateway.keyPrefix.length))) ?? '';
      expect(value).not.toContain(first.body.access_token as string);
      expect(value).not.toContain(first.body.refresh_token as string);
      expect(value).not.toContain('new-secret-1');
    }
  });

  it('a retried member creation creates one member', async () => {
    const demo = (await stack.login()).accessToken;
    const member = {
      firstName: 'test',
      lastName: '',
      birthdate: '1997-01-01',
      gender: 'F',
      device: { serialCode: 'SL20401000', macId: '41ad', uniqueId: 'unique' },
    };
    const key = newKey();
    const before = stack.nueyne.faults.count(CREATE_MEMBER);
    const send = (server: Server) =>
      request(server)
        .post('/v1/me/members')
        .set('authorization', `Bearer ${demo}`)
        .set('idempotency-key', key)
        .send(member);
    const first = await send(a);
    expect(first.status).toBe(201);
    const again = await send(b);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(stack.nueyne.faults.count(CREATE_MEMBER) - before).toBe(1);
  });
});
