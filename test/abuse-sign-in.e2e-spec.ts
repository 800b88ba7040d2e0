import request from 'supertest';
import { authed } from './support/http';
import { DEMO_PASSWORD, SERVICE_CLIENT, startStack, TestStack } from './support/stack';

/**
 * Password spraying and secret guessing: every route that signs in upstream counts toward the
 * token endpoint's per-IP limit and the per-username failed sign-in limit; client_credentials
 * failures lock out the client id. An unrelated user keeps getting 200 throughout.
 */

const LEGACY_SIGN_IN = 'POST /api/v1/legacy/auth/signin';
const LUX_SIGN_IN = 'POST /api/v1/lux/auth/email/signin';
const OTHER_CLIENT = {
  id: 'billing',
  secret: 'billing-secret-0123456789',
  scopes: ['conference:read'],
};

describe('abuse: password spraying through the link routes', () => {
  let stack: TestStack;
  let attacker: string;
  let victim: string;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        RATE_LIMITS: JSON.stringify({
          default: { limit: 100000, windowSeconds: 60 },
          auth: { limit: 60, windowSeconds: 60 },
          'sign-in-failures': { limit: 5, windowSeconds: 60 },
        }),
      },
    });
    // Two sign-ins from this IP before the spray: 58 attempts are left in the minute.
    attacker = (await stack.login('lux')).accessToken;
    victim = (await stack.login('legacy', 'demo2@junction.dev')).accessToken;
    stack.nueyne.faults.resetCalls();
  });
  afterAll(() => stack.close());

  it('80 distinct usernames from one session through PUT /v1/me/links/legacy stop at the per-IP limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 80; i++) {
      const res = await authed(stack.http, attacker)
        .put(i % 2 === 0 ? '/v1/me/links/legacy' : '/v1/me/links/lux')
        .send({ username: `spray-${i}@example.com`, password: 'Password1!' });
      statuses.push(res.status);
      expect(res.status).toBeLessThan(500);
      if (i === 0) {
        // Both budgets it spends are announced.
        expect(res.headers['ratelimit-policy']).toBe('"default";q=100000;w=60, "auth";q=60;w=60');
      }
      if (res.status === 429) {
        expect(res.body.code).toBe('RATE_LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 58)).toEqual(Array(58).fill(400));
    expect(statuses.slice(58)).toEqual(Array(22).fill(429));
    expect(stack.nueyne.faults.count(LEGACY_SIGN_IN) + stack.nueyne.faults.count(LUX_SIGN_IN)).toBe(
      58,
    );
    // The token endpoint shares the same per-IP budget.
    const token = await request(stack.http)
      .post('/v1/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: 'demo@junction.dev', password: DEMO_PASSWORD });
    expect(token.status).toBe(429);
    // An unrelated user's calls are untouched.
    for (let i = 0; i < 5; i++)
      expect((await authed(stack.http, victim).get('/v1/therapy/devices')).status).toBe(200);
  });
});

describe('abuse: failed sign-ins per username through the link routes', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        RATE_LIMITS: JSON.stringify({
          default: { limit: 100000, windowSeconds: 60 },
          auth: { limit: 100000, windowSeconds: 60 },
          'sign-in-failures': { limit: 3, windowSeconds: 60 },
        }),
      },
    });
  });
  afterAll(() => stack.close());

  it('wrong passwords through the link route lock the username for the token endpoint too', async () => {
    const session = (await stack.login('lux')).accessToken;
    const link = (password: string) =>
      authed(stack.http, session)
        .put('/v1/me/links/legacy')
        .send({ username: 'Demo2@Junction.dev', password });
    for (let i = 0; i < 3; i++) expect((await link(`wrong-${i}`)).status).toBe(400);
    const locked = await link(DEMO_PASSWORD);
    expect({ status: locked.status, code: locked.body.code }).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
    });
    const viaToken = await request(stack.http).post('/v1/auth/token').type('form').send({
      grant_type: 'password',
      provider: 'legacy',
      username: 'demo2@junction.dev',
      password: DEMO_PASSWORD,
    });
    expect(viaToken.status).toBe(429);
    // Another account signs in as usual.
    await stack.login('legacy');
  });
});

describe('abuse: guessing a service client secret', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        GATEWAY_CLIENTS: JSON.stringify([SERVICE_CLIENT, OTHER_CLIENT]),
        RATE_LIMITS: JSON.stringify({
          default: { limit: 100000, windowSeconds: 60 },
          auth: { limit: 100000, windowSeconds: 60 },
          'client-auth-failures': { limit: 4, windowSeconds: 60 },
        }),
      },
    });
  });
  afterAll(() => stack.close());

  const grant = (id: string, secret: string) =>
    request(stack.http)
      .post('/v1/auth/token')
      .auth(id, secret)
      .type('form')
      .send({ grant_type: 'client_credentials' });

  it('locks a client id out after N wrong secrets, even for the right one; another client still works', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await grant(SERVICE_CLIENT.id, `wrong-secret-${i}-0123456789`);
      expect({ status: res.status, error: res.body.error }).toEqual({
        status: 401,
        error: 'invalid_client',
      });
    }
    const locked = await grant(SERVICE_CLIENT.id, SERVICE_CLIENT.secret);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The same lock holds for secrets sent in the body.
    const body = await request(stack.http).post('/v1/auth/token').type('form').send({
      grant_type: 'client_credentials',
      client_id: SERVICE_CLIENT.id,
      client_secret: SERVICE_CLIENT.secret,
    });
    expect(body.status).toBe(429);
    const other = await grant(OTHER_CLIENT.id, OTHER_CLIENT.secret);
    expect(other.status).toBe(200);
    expect(other.body.access_token).toEqual(expect.any(String));
    // And a user's password sign-in is not affected.
    await stack.login('lux');
  });
});
