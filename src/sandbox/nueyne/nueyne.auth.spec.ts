import { createNueyneSimulator, type NueyneSimulator } from './nueyne.simulator';
import { call, signIn, signInRequest } from './nueyne.testing';

const T0 = Date.UTC(2025, 3, 20, 12, 0, 0);

describe('Nueyne simulator: sign-in, tokens and refresh rotation', () => {
  let clock: number;
  let sim: NueyneSimulator;

  beforeEach(() => {
    clock = T0;
    sim = createNueyneSimulator({ now: () => clock });
  });

  afterEach(async () => {
    await sim.app.close();
  });

  describe('sign-in', () => {
    it.each([
      ['lux', '/api/v1/lux/auth/email/signin', 1],
      ['legacy', '/api/v1/legacy/auth/signin', 1],
    ] as const)('%s answers the token shape', async (product, _path, id) => {
      const response = await signInRequest(sim, product, 'demo@junction.dev');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(Object.keys(body)).toEqual([
        'access_token',
        'expires_in',
        'refresh_token',
        'refresh_expires_in',
        'id',
        'token_type',
      ]);
      expect(body).toMatchObject({
        expires_in: 900,
        refresh_expires_in: 1209600,
        id,
        token_type: 'bearer',
      });
      expect(body.access_token).toMatch(new RegExp(`^${product}_at_[A-Za-z0-9_-]{32}$`));
      expect(body.refresh_token).toMatch(new RegExp(`^${product}_rt_[A-Za-z0-9_-]{32}$`));
    });

    it('issues new random tokens on every sign-in', async () => {
      const first = await signIn(sim, 'lux', 'demo@junction.dev');
      const second = await signIn(sim, 'lux', 'demo@junction.dev');
      expect(second.access_token).not.toBe(first.access_token);
      expect(second.refresh_token).not.toBe(first.refresh_token);
    });

    it('takes the options for token lifetimes', async () => {
      const custom = createNueyneSimulator({
        accessTokenTtlSeconds: 60,
        refreshTokenTtlSeconds: 120,
      });
      const tokens = await signIn(custom, 'legacy', 'demo@junction.dev');
      expect(tokens).toMatchObject({ expires_in: 60, refresh_expires_in: 120 });
      await custom.app.close();
    });

    it.each([
      ['demo@junction.dev', 'wrong-password', 400, 'Password is invalid'],
      ['pending@junction.dev', 'junction-demo', 401, 'Sign-up not completed'],
      ['sms@junction.dev', 'junction-demo', 403, 'SMS verification required'],
      ['nobody@junction.dev', 'junction-demo', 404, 'User not found'],
      ['demo2@junction.dev', 'junction-demo', 404, 'User not found'],
      ['deleted@junction.dev', 'junction-demo', 410, 'User is Deleted'],
      ['blocked@junction.dev', 'junction-demo', 423, 'Access denied. Account blocked'],
    ])('Lux %s / %s -> %i %s', async (username, password, status, detail) => {
      const response = await signInRequest(sim, 'lux', username, password);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual({ detail });
    });

    it.each([
      ['demo@junction.dev', 'wrong-password', 401, 'Incorrect email or password'],
      ['nobody@junction.dev', 'junction-demo', 401, 'Incorrect email or password'],
      ['unverified@junction.dev', 'junction-demo', 403, 'Email is not verified'],
      ['deleted@junction.dev', 'junction-demo', 410, 'User is deleted'],
      ['blocked@junction.dev', 'junction-demo', 423, 'User is blocked'],
    ])('Legacy %s / %s -> %i %s', async (username, password, status, detail) => {
      const response = await signInRequest(sim, 'legacy', username, password);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual({ detail });
    });

    it('is case-insensitive on the e-mail', async () => {
      const response = await signInRequest(sim, 'lux', 'Demo@Junction.dev');
      expect(response.statusCode).toBe(200);
    });

    it('answers 422 for a missing form field, FastAPI style', async () => {
      const response = await sim.app.inject({
        method: 'POST',
        url: '/api/v1/legacy/auth/signin',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'username=demo%40junction.dev&password=',
      });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toEqual({
        detail: [
          { type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null },
        ],
      });
    });

    it('does not read a JSON body as the form', async () => {
      const response = await call(sim, 'POST', '/api/v1/lux/auth/email/signin', {
        json: { username: 'demo@junction.dev', password: 'junction-demo' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().detail.map((issue: { loc: string[] }) => issue.loc)).toEqual([
        ['body', 'username'],
        ['body', 'password'],
      ]);
    });
  });

  describe('bearer checks', () => {
    it('answers 401 Not authenticated without a bearer header', async () => {
      for (const headers of [{}, { authorization: 'Basic ZGVtbzpkZW1v' }] as Record<
        string,
        string
      >[]) {
        const response = await call(sim, 'GET', '/api/v1/lux/user/me', { headers });
        expect(response.statusCode).toBe(401);
        expect(response.json()).toEqual({ detail: 'Not authenticated' });
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }
    });

    it('answers 401 Could not validate credentials for an unknown token', async () => {
      const response = await call(sim, 'GET', '/api/v1/legacy/device/my-devices', {
        token: 'legacy_at_guessed',
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ detail: 'Could not validate credentials' });
    });

    it('keeps the products apart: a Lux token on Legacy and back is not valid', async () => {
      const lux = await signIn(sim, 'lux', 'demo@junction.dev');
      const legacy = await signIn(sim, 'legacy', 'demo@junction.dev');
      const onLegacy = await call(sim, 'GET', '/api/v1/legacy/device/my-devices', {
        token: lux.access_token,
      });
      const onLux = await call(sim, 'GET', '/api/v1/lux/user/me', { token: legacy.access_token });
      for (const response of [onLegacy, onLux]) {
        expect(response.statusCode).toBe(401);
        expect(response.json()).toEqual({ detail: 'Could not validate credentials' });
      }
      const refreshAcross = await call(sim, 'POST', '/api/v1/legacy/auth/refresh-token', {
        json: { refresh_token: lux.refresh_token },
      });
      expect(refreshAcross.statusCode).toBe(401);
      expect(refreshAcross.json()).toEqual({ detail: 'Could not validate credentials' });
    });

    it('does not take a refresh token as a bearer token', async () => {
      const tokens = await signIn(sim, 'lux', 'demo@junction.dev');
      const response = await call(sim, 'GET', '/api/v1/lux/user/me', {
        token: tokens.refresh_token,
      });
      expect(response.statusCode).toBe(401);
    });

    it('expires access tokens after their lifetime (now option)', async () => {
      const tokens = await signIn(sim, 'lux', 'demo@junction.dev');
      clock += 899_000;
      expect(
        (await call(sim, 'GET', '/api/v1/lux/user/me', { token: tokens.access_token })).statusCode,
      ).toBe(200);
      clock += 1_000;
      const response = await call(sim, 'GET', '/api/v1/lux/user/me', {
        token: tokens.access_token,
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ detail: 'Token is expired' });
    });

    it('expireAccessTokens() expires every current access token, not the refresh tokens', async () => {
      const lux = await signIn(sim, 'lux', 'demo@junction.dev');
      const legacy = await signIn(sim, 'legacy', 'demo@junction.dev');
      sim.expireAccessTokens();
      for (const [url, token] of [
        ['/api/v1/lux/user/me', lux.access_token],
        ['/api/v1/legacy/device/my-devices', legacy.access_token],
      ]) {
        const response = await call(sim, 'GET', url, { token });
        expect(response.json()).toEqual({ detail: 'Token is expired' });
      }
      const refreshed = await call(sim, 'POST', '/api/v1/lux/auth/refresh-token', {
        json: { refresh_token: lux.refresh_token },
      });
      expect(refreshed.statusCode).toBe(200);
      const me = await call(sim, 'GET', '/api/v1/lux/user/me', {
        token: refreshed.json().access_token,
      });
      expect(me.statusCode).toBe(200);
    });

    it('setAccessTokenTtl() applies to tokens issued afterwards', async () => {
      sim.setAccessTokenTtl(5);
      const tokens = await signIn(sim, 'legacy', 'demo@junction.dev');
      expect(tokens.expires_in).toBe(5);
      clock += 5_000;
      const response = await call(sim, 'GET', '/api/v1/legacy/device/my-devices', {
        token: tokens.access_token,
      });
      expect(response.json()).toEqual({ detail: 'Token is expired' });
    });
  });

  describe('refresh rotation', () => {
    const refresh = (product: 'lux' | 'legacy', refreshToken: unknown) =>
      call(sim, 'POST', `/api/v1/${product}/auth/refresh-token`, {
        json: { refresh_token: refreshToken },
      });

    it.each(['lux', 'legacy'] as const)('%s rotates the pair', async (product) => {
      const first = await signIn(sim, product, 'demo@junction.dev');
      const response = await refresh(product, first.refresh_token);
      expect(response.statusCode).toBe(200);
      const second = response.json();
      expect(second).toMatchObject({
        expires_in: 900,
        refresh_expires_in: 1209600,
        id: 1,
        token_type: 'bearer',
      });
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.access_token).not.toBe(first.access_token);
      expect(sim.faults.count(`POST /api/v1/${product}/auth/refresh-token`)).toBe(1);
    });

    it('ends the login when a used refresh token comes back (duplicate login)', async () => {
      const first = await signIn(sim, 'lux', 'demo@junction.dev');
      const other = await signIn(sim, 'lux', 'demo@junction.dev');
      const second = (await refresh('lux', first.refresh_token)).json();

      const reuse = await refresh('lux', first.refresh_token);
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json()).toEqual({ detail: 'Refresh token is not valid' });

      // The stored token is gone: the latest refresh token and the access tokens stop working.
      const latest = await refresh('lux', second.refresh_token);
      expect(latest.json()).toEqual({ detail: 'Refresh token is not valid' });
      for (const token of [first.access_token, second.access_token]) {
        const me = await call(sim, 'GET', '/api/v1/lux/user/me', { token });
        expect(me.json()).toEqual({ detail: 'Could not validate credentials' });
      }

      // Another sign-in of the same user is a separate login and keeps working.
      expect((await refresh('lux', other.refresh_token)).statusCode).toBe(200);
      expect(sim.activeSessions('lux')).toBe(1);
    });

    it('answers 401 Token is expired for an expired refresh token', async () => {
      const tokens = await signIn(sim, 'legacy', 'demo@junction.dev');
      clock += 1_209_600_000;
      const response = await refresh('legacy', tokens.refresh_token);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ detail: 'Token is expired' });
    });

    it('answers 401 Could not validate credentials for an unknown refresh token', async () => {
      const response = await refresh('lux', 'lux_rt_not-a-real-token');
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ detail: 'Could not validate credentials' });
    });

    it('answers 422 for a missing or mistyped refresh_token', async () => {
      const missing = await call(sim, 'POST', '/api/v1/lux/auth/refresh-token', { json: {} });
      expect(missing.statusCode).toBe(422);
      expect(missing.json()).toEqual({
        detail: [
          { type: 'missing', loc: ['body', 'refresh_token'], msg: 'Field required', input: {} },
        ],
      });
      const mistyped = await refresh('legacy', 42);
      expect(mistyped.json()).toEqual({
        detail: [
          {
            type: 'string_type',
            loc: ['body', 'refresh_token'],
            msg: 'Input should be a valid string',
            input: 42,
          },
        ],
      });
      const noBody = await call(sim, 'POST', '/api/v1/lux/auth/refresh-token');
      expect(noBody.json()).toEqual({
        detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }],
      });
    });
  });

  describe('test handles and common behaviour', () => {
    it('issueAccessToken() mints a working token per product', async () => {
      const lux = sim.issueAccessToken('lux', 'demo@junction.dev');
      const legacy = sim.issueAccessToken('legacy', 'demo2@junction.dev');
      expect(lux).toMatch(/^lux_at_/);
      expect(
        (await call(sim, 'GET', '/api/v1/lux/user/me', { token: lux })).json().root_user_id,
      ).toBe(1);
      const devices = await call(sim, 'GET', '/api/v1/legacy/device/my-devices', { token: legacy });
      expect(devices.json().map((device: { id: number }) => device.id)).toEqual([3]);
    });

    it('issueAccessToken() for an unknown e-mail gives a token without a user', async () => {
      const lux = sim.issueAccessToken('lux', 'ghost@junction.dev');
      const legacy = sim.issueAccessToken('legacy', 'ghost@junction.dev');
      expect((await call(sim, 'GET', '/api/v1/lux/user/me', { token: lux })).json()).toEqual({
        detail: 'User is None',
      });
      const devices = await call(sim, 'GET', '/api/v1/legacy/device/my-devices', { token: legacy });
      expect(devices.statusCode).toBe(401);
      expect(devices.json()).toEqual({ detail: 'Could not validate credentials' });
    });

    it('reset() restores the demo data and forgets tokens, faults and calls', async () => {
      const tokens = await signIn(sim, 'legacy', 'demo@junction.dev');
      sim.deviceByUniqueId('270038000c50524833343720')!.user_id = null;
      sim.faults.add({ route: '*', fail: { count: 5, status: 503 } });
      sim.reset();
      expect(sim.deviceByUniqueId('270038000C50524833343720')!.user_id).toBe(1);
      expect(sim.faults.counts()).toEqual({});
      const response = await call(sim, 'GET', '/api/v1/legacy/device/my-devices', {
        token: tokens.access_token,
      });
      expect(response.json()).toEqual({ detail: 'Could not validate credentials' });
    });

    it('counts calls by route key and applies injected faults', async () => {
      const token = sim.issueAccessToken('lux', 'demo@junction.dev');
      sim.faults.add({
        route: 'GET /api/v1/lux/user/real-user/:real_user_id',
        fail: {
          count: 1,
          status: 500,
          body: { detail: 'Internal server error. Please try again later.' },
        },
      });
      const failed = await call(sim, 'GET', '/api/v1/lux/user/real-user/1', { token });
      expect(failed.statusCode).toBe(500);
      expect((await call(sim, 'GET', '/api/v1/lux/user/real-user/1', { token })).statusCode).toBe(
        200,
      );
      expect(sim.faults.count('GET /api/v1/lux/user/real-user/:real_user_id')).toBe(2);
    });

    it('answers 404 Resource not found for an unknown path and 405 for a known one', async () => {
      const unknown = await call(sim, 'GET', '/api/v1/lux/nothing-here');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({ detail: 'Resource not found' });
      const wrongMethod = await call(sim, 'GET', '/api/v1/lux/auth/refresh-token');
      expect(wrongMethod.statusCode).toBe(405);
      expect(wrongMethod.json()).toEqual({ detail: 'Method Not Allowed' });
      expect(wrongMethod.headers.allow).toBe('POST');
    });

    it('answers 422 json_invalid for a malformed JSON body', async () => {
      const response = await call(sim, 'POST', '/api/v1/lux/auth/refresh-token', {
        raw: '{"refresh_token": ',
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().detail[0]).toMatchObject({
        type: 'json_invalid',
        msg: 'JSON decode error',
      });
    });
  });
});
