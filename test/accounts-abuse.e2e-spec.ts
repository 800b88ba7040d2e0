import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { eventually } from './support/eventually';
import { startGateway, TestGateway } from './support/gateway';
import { expectProblem } from './support/http';
import { RedisProcess, startRedis } from './support/redis-server';
import { RELAXED_RATE_LIMITS, startStack, TestStack } from './support/stack';

type Server = Parameters<typeof request>[0];
type Limits = Record<string, { limit: number; windowSeconds: number }>;

const SEND_SMS = 'POST /api/v1/lux/auth/send-sms-auth';
const VALIDATE = 'POST /api/v1/lux/auth/phone-number-validation';
const LUX_RESET = 'POST /api/v1/lux/auth/send-reset-mail';
const LEGACY_FIND_ID = 'POST /api/v1/legacy/auth/find-id';
const LEGACY_SIGN_UP = 'POST /api/v1/legacy/auth/signup';

/**
 * The onboarding abuse limits, each against a real redis-server and two gateway instances sharing
 * one key prefix: requests alternate between the instances (and between client IPs, through a
 * trusted X-Forwarded-For), and the simulator counts what actually reached Nueyne.
 */
describe('onboarding abuse limits across two instances', () => {
  let stack: TestStack;
  let ipSeq = 1;
  let phoneSeq = 0;
  const newIp = () => `203.0.113.${ipSeq++}`;
  const newPhone = () => `+82108888${String(1000 + phoneSeq++).padStart(4, '0')}`;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());
  beforeEach(() => stack.nueyne.faults.resetCalls());

  /** Two fresh instances on one new key prefix, with these limits over relaxed ones. */
  const pair = async (limits: Limits, env: Record<string, string> = {}): Promise<Server[]> => {
    const shared = {
      REDIS_KEY_PREFIX: `ab${randomBytes(4).toString('hex')}:`,
      GATEWAY_TRUST_PROXY_HOPS: '1',
      RATE_LIMITS: JSON.stringify({ ...RELAXED_RATE_LIMITS, ...limits }),
      LOG_LEVEL: 'error',
      ...env,
    };
    const a = await stack.startInstance(shared);
    const b = await stack.startInstance(shared);
    return [a.app.getHttpServer(), b.app.getHttpServer()];
  };

  /**
   * One pair for the limits that do not share counters with each other (each test below uses its
   * own numbers, e-mails and IPs), so the file boots fewer gateways.
   */
  let others: Promise<Server[]> | undefined;
  const otherPair = () =>
    (others ??= pair(
      {
        'verification-attempts': { limit: 3, windowSeconds: 900 },
        'recovery-per-account': { limit: 2, windowSeconds: 3600 },
        'sign-ups': { limit: 2, windowSeconds: 3600 },
        accounts: { limit: 3, windowSeconds: 60 },
      },
      { ACCOUNTS_SMS_REGIONS: 'KR' },
    ));

  const send = (server: Server, phone: string, ip: string) =>
    request(server)
      .post('/v1/accounts/lux/phone-verifications')
      .set('x-forwarded-for', ip)
      .send({ phone });

  const refusedBy = (res: request.Response, group: string) => {
    expectProblem(res, 429, 'RATE_LIMITED');
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.headers['ratelimit-policy']).toMatch(new RegExp(`^"${group}";`));
  };

  it('SMS per phone: the 4th code to one number within the window is refused, whatever the IP or instance', async () => {
    const servers = await pair({ 'sms-per-phone': { limit: 3, windowSeconds: 3600 } });
    const phone = newPhone();
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await send(servers[i % 2], phone, newIp()));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 429, 429, 429]);
    refusedBy(answers[3], 'sms-per-phone');
    expect(stack.nueyne.faults.count(SEND_SMS)).toBe(3);
    // Another number is not affected.
    expect((await send(servers[1], newPhone(), newIp())).status).toBe(202);

    // 20 at once for a fresh number, on both instances: exactly 3 reach Nueyne.
    stack.nueyne.faults.resetCalls();
    const burstPhone = newPhone();
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send(servers[i % 2], burstPhone, newIp())),
    );
    expect(burst.filter((r) => r.status === 202)).toHaveLength(3);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(17);
    expect(stack.nueyne.faults.count(SEND_SMS)).toBe(3);
  });

  it('SMS per IP: one client cannot pump many numbers', async () => {
    const servers = await pair({ 'sms-per-ip': { limit: 4, windowSeconds: 3600 } });
    const ip = newIp();
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await send(servers[i % 2], newPhone(), ip));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202, 429, 429]);
    refusedBy(answers[4], 'sms-per-ip');
    expect((await send(servers[0], newPhone(), newIp())).status).toBe(202);
    expect(stack.nueyne.faults.count(SEND_SMS)).toBe(5);
  });

  it('SMS globally: a ceiling on all instances together, which refused sends do not spend', async () => {
    const servers = await pair({
      'sms-global': { limit: 5, windowSeconds: 3600 },
      'sms-per-phone': { limit: 2, windowSeconds: 3600 },
    });
    // One number hammered: two go out, two are refused per phone and do not count globally.
    const hammered = newPhone();
    const first = [];
    for (let i = 0; i < 4; i += 1) first.push(await send(servers[i % 2], hammered, newIp()));
    expect(first.map((r) => r.status)).toEqual([202, 202, 429, 429]);
    refusedBy(first[2], 'sms-per-phone');
    // Three more numbers from three more clients fill the budget of five...
    for (let i = 0; i < 3; i += 1)
      expect((await send(servers[i % 2], newPhone(), newIp())).status).toBe(202);
    // ...and then nobody gets a code until the window ends.
    const refused = await send(servers[1], newPhone(), newIp());
    refusedBy(refused, 'sms-global');
    expect(stack.nueyne.faults.count(SEND_SMS)).toBe(5);
  });

  it('code guessing: attempts per number are counted right or wrong, and the limit holds under a burst', async () => {
    const servers = await otherPair();
    const confirm = (server: Server, phone: string, verificationCode: string) =>
      request(server)
        .post('/v1/accounts/lux/phone-verifications/confirm')
        .set('x-forwarded-for', newIp())
        .send({ phone, verificationCode });
    const phone = newPhone();
    expect((await send(servers[0], phone, newIp())).status).toBe(202);
    const code = stack.nueyne.lastSmsCode(phone)!;
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 3; i += 1) {
      expectProblem(await confirm(servers[i % 2], phone, wrong), 400, 'VERIFICATION_CODE_INVALID');
    }
    // The fourth try is refused before Nueyne sees it, even with the right code...
    refusedBy(await confirm(servers[1], phone, code), 'verification-attempts');
    // ...and account recovery with a code counts against the same attempts.
    const recover = await request(servers[0])
      .post('/v1/accounts/lux/recover-id')
      .set('x-forwarded-for', newIp())
      .send({ phone, verificationCode: code });
    refusedBy(recover, 'verification-attempts');
    expect(stack.nueyne.faults.count(VALIDATE)).toBe(3);

    // Ten guesses at once on both instances: three reach Nueyne.
    stack.nueyne.faults.resetCalls();
    const other = newPhone();
    await send(servers[1], other, newIp());
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        confirm(servers[i % 2], other, String(100000 + i).padStart(6, '0')),
      ),
    );
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(7);
    expect(stack.nueyne.faults.count(VALIDATE)).toBe(3);
  });

  it('recovery per account: resets of one e-mail are limited the same way whether or not it has an account', async () => {
    const servers = await otherPair();
    const reset = (server: Server, email: string) =>
      request(server)
        .post('/v1/accounts/lux/password-reset')
        .set('x-forwarded-for', newIp())
        .send({ email });
    for (const email of ['demo@junction.dev', 'nobody@junction.dev']) {
      const answers = [];
      for (let i = 0; i < 3; i += 1) answers.push(await reset(servers[i % 2], email));
      expect(answers.map((r) => r.status)).toEqual([202, 202, 429]);
      refusedBy(answers[2], 'recovery-per-account');
    }
    expect(stack.nueyne.faults.count(LUX_RESET)).toBe(4);

    // Guessing a Legacy account's birth date for one number: two tries, then 429.
    const find = (server: Server, birthdate: string) =>
      request(server)
        .post('/v1/accounts/legacy/recover-id')
        .set('x-forwarded-for', newIp())
        .send({ phone: '+821012345678', birthdate, gender: 'F' });
    expectProblem(await find(servers[0], '1988-03-13'), 404, 'USER_NOT_FOUND');
    expectProblem(await find(servers[1], '1988-03-14'), 404, 'USER_NOT_FOUND');
    refusedBy(await find(servers[0], '1988-03-15'), 'recovery-per-account');
    expect(stack.nueyne.faults.count(LEGACY_FIND_ID)).toBe(2);
  });

  it('sign-ups per IP: one client cannot create accounts (and verification mails) in bulk', async () => {
    const servers = await otherPair();
    const ip = newIp();
    const signUp = (server: Server, n: number) =>
      request(server)
        .post('/v1/accounts/legacy')
        .set('x-forwarded-for', ip)
        .send({
          email: `bulk${n}.${ip}@junction.dev`,
          password: '1234',
          phone: '+821012345858',
          name: 'bulk',
          relation: 'S',
          gender: 'M',
          birthdate: '1990-01-01',
          isMarketingAgree: false,
          isPushAgree: false,
          region: '서울특별시',
        });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await signUp(servers[i % 2], i));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 429]);
    refusedBy(answers[2], 'sign-ups');
    expect(stack.nueyne.faults.count(LEGACY_SIGN_UP)).toBe(2);
  });

  it('the per-IP limit of every /v1/accounts route', async () => {
    const servers = await otherPair();
    const ip = newIp();
    const check = (server: Server) =>
      request(server)
        .get('/v1/accounts/legacy/email-availability')
        .set('x-forwarded-for', ip)
        .query({ email: 'free@junction.dev' });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await check(servers[i % 2]));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    refusedBy(answers[3], 'accounts');
  });

  it('sends codes only to the regions of ACCOUNTS_SMS_REGIONS when it is set', async () => {
    const [server] = await otherPair();
    const us = await send(server, '+14155552671', newIp());
    expectProblem(us, 400, 'VALIDATION_FAILED');
    expect(us.body.errors[0].field).toBe('phone');
    expect((await send(server, newPhone(), newIp())).status).toBe(202);
    expect(stack.nueyne.faults.count(SEND_SMS)).toBe(1);
  });

  describe('with Redis away', () => {
    let redis: RedisProcess;
    let gateway: TestGateway;

    beforeAll(async () => {
      redis = await startRedis();
      gateway = await startGateway({
        env: { ...stack.env, REDIS_URL: redis.url, LOG_LEVEL: 'fatal' },
      });
    });
    afterAll(async () => {
      await gateway?.close();
      await redis?.stop();
    });

    it('sends no SMS and tries no code (503), since it cannot count them', async () => {
      const server = gateway.app.getHttpServer();
      expect((await send(server, newPhone(), newIp())).status).toBe(202);
      stack.nueyne.faults.resetCalls();
      await redis.stop();
      await eventually(async () => (await request(server).get('/health/ready')).status === 503);
      const sms = await send(server, newPhone(), newIp());
      expectProblem(sms, 503, 'SERVICE_UNAVAILABLE');
      expect(sms.headers['retry-after']).toBe('5');
      expect(sms.body.detail).toMatch(/^Phone verification is unavailable/);
      const guess = await request(server)
        .post('/v1/accounts/lux/phone-verifications/confirm')
        .send({ phone: newPhone(), verificationCode: '123456' });
      expectProblem(guess, 503, 'SERVICE_UNAVAILABLE');
      expect(stack.nueyne.faults.count(SEND_SMS)).toBe(0);
      expect(stack.nueyne.faults.count(VALIDATE)).toBe(0);
    });
  });
});
