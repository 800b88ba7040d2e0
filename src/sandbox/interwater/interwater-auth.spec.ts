import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { createInterwaterSimulator, type InterwaterSimulator } from './interwater-simulator';
import { listenSimulator } from '../simulator';

/** The seed's sample token (signed by the real service, so never valid here). */
const SEED_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6IjMiLCJkb21haW4iOiJodHRwczovL3JlYWRtZS5pbnRlcndhdGVyLmJpeiIsImFjY2Vzc0tleSI6ImZveml6Mm1keXdtIiwiaWF0IjoxNjEwMjU5NDUzLCJleHAiOjE2MTAyNjMwNTN9.bI3YamUjo3MZ_443Hj31nwOEkD_f16XLAuIVCtXlyzY';

const KEYS = { accessKey: 'sandbox-access-key', secretKey: 'sandbox-secret-key' };

describe('Interwater simulator: /v1/auth and the JWT', () => {
  let sim: InterwaterSimulator;
  let clock: number;

  beforeEach(() => {
    clock = 1610259453 * 1000; // the seed token's iat
    sim = createInterwaterSimulator({ now: () => clock });
  });
  afterEach(async () => {
    await sim.app.close();
  });

  const auth = (payload: unknown) =>
    sim.app.inject({ method: 'POST', url: '/v1/auth', payload: payload as object });
  const info = (jwt?: string) =>
    sim.app.inject({
      method: 'GET',
      url: '/v1/info',
      headers: jwt === undefined ? {} : { 's-connector-jwt': jwt },
    });
  async function token(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await auth({ ...KEYS, ...extra });
    expect(res.statusCode).toBe(200);
    return res.json().data.accessToken as string;
  }

  it('answers the seed request shape with {status: true, data: {accessToken}}', async () => {
    const res = await auth({ ...KEYS, expires: 60 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: true, data: { accessToken: expect.any(String) } });
  });

  it('issues an HS256 JWT whose payload looks like the seed token’s', async () => {
    const jwt = await token({ expires: 60 });
    expect(decodeProtectedHeader(jwt)).toEqual(decodeProtectedHeader(SEED_JWT));
    const payload = decodeJwt(jwt);
    const seed = decodeJwt(SEED_JWT);
    expect(Object.keys(payload)).toEqual(Object.keys(seed)); // id, domain, accessKey, iat, exp
    expect(payload).toEqual({
      id: '3',
      domain: 'https://readme.interwater.biz',
      accessKey: 'sandbox-access-key',
      iat: seed.iat,
      exp: seed.exp,
    });
  });

  it.each([
    [undefined, 3600],
    [10, 600],
    [0.5, 30],
    [60, 3600],
    [600, 3600],
  ])('expires %p minutes -> lifetime %p s (capped at maxTtlSeconds)', async (expires, ttl) => {
    const payload = decodeJwt(await token(expires === undefined ? {} : { expires }));
    expect(payload.exp! - payload.iat!).toBe(ttl);
  });

  it('honours the maxTtlSeconds option', async () => {
    const short = createInterwaterSimulator({ maxTtlSeconds: 120 });
    const res = await short.app.inject({ method: 'POST', url: '/v1/auth', payload: KEYS });
    const payload = decodeJwt(res.json().data.accessToken as string);
    expect(payload.exp! - payload.iat!).toBe(120);
    await short.app.close();
  });

  it('marks owner tokens', async () => {
    expect(decodeJwt(await token({ isOwner: true })).isOwner).toBe(true);
    expect(decodeJwt(await token({ isOwner: false })).isOwner).toBeUndefined();
  });

  it('honours configured keys', async () => {
    const custom = createInterwaterSimulator({ accessKey: 'foziz2mdywm', secretKey: 's3cr3t' });
    const ok = await custom.app.inject({
      method: 'POST',
      url: '/v1/auth',
      payload: { accessKey: 'foziz2mdywm', secretKey: 's3cr3t' },
    });
    expect(ok.statusCode).toBe(200);
    expect(decodeJwt(ok.json().data.accessToken as string).accessKey).toBe('foziz2mdywm');
    const ko = await custom.app.inject({ method: 'POST', url: '/v1/auth', payload: KEYS });
    expect(ko.statusCode).toBe(401);
    await custom.app.close();
  });

  it.each([
    ['wrong secretKey', { ...KEYS, secretKey: 'nope' }, 401],
    ['wrong accessKey', { ...KEYS, accessKey: 'nope' }, 401],
    ['missing accessKey', { secretKey: KEYS.secretKey }, 400],
    ['missing secretKey', { accessKey: KEYS.accessKey }, 400],
    ['empty accessKey', { ...KEYS, accessKey: '' }, 400],
    ['numeric secretKey', { ...KEYS, secretKey: 123 }, 400],
    ['expires as string', { ...KEYS, expires: '60' }, 400],
    ['expires zero', { ...KEYS, expires: 0 }, 400],
    ['expires negative', { ...KEYS, expires: -5 }, 400],
    ['isOwner as string', { ...KEYS, isOwner: 'yes' }, 400],
    ['array body', [KEYS], 400],
  ])('%s -> %p {status: false, message}', async (_label, payload, status) => {
    const res = await auth(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ status: false, message: expect.any(String) });
  });

  it('no body or unparsable JSON -> 400 {status: false}', async () => {
    const empty = await sim.app.inject({ method: 'POST', url: '/v1/auth' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().status).toBe(false);
    const broken = await sim.app.inject({
      method: 'POST',
      url: '/v1/auth',
      headers: { 'content-type': 'application/json' },
      payload: '{"accessKey":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().status).toBe(false);
  });

  describe('s-connector-jwt on every other route', () => {
    it('a fresh token works', async () => {
      expect((await info(await token())).statusCode).toBe(200);
    });

    it.each(['/v1/info', '/v1/sessions', '/v1/sessions/gfds', '/v1/static?startTime=2021-02-20'])(
      'missing header on %s -> 401',
      async (url) => {
        const res = await sim.app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({ status: false, message: 'jwt must be provided' });
      },
    );

    it.each([
      ['garbage', 'not-a-jwt'],
      ['two segments', 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjMifQ'],
      ['bad base64 json', 'abc.def.ghi'],
      ['Bearer prefix', 'Bearer x.y.z'],
    ])('malformed (%s) -> 401 jwt malformed', async (_label, jwt) => {
      const res = await info(jwt);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ status: false, message: 'jwt malformed' });
    });

    it('the seed’s own token (another signer) -> 401 invalid signature', async () => {
      const res = await info(SEED_JWT);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ status: false, message: 'invalid signature' });
    });

    it('a tampered payload -> 401 invalid signature', async () => {
      const [header, , signature] = (await token()).split('.');
      const forged = Buffer.from(
        JSON.stringify({ id: '1', domain: 'x', accessKey: 'x', iat: 1, exp: 9999999999 }),
      ).toString('base64url');
      const res = await info(`${header}.${forged}.${signature}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toBe('invalid signature');
    });

    it('a token signed with another key -> 401 invalid signature', async () => {
      const other = await new SignJWT({ id: '3' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('not-the-simulator-secret-at-all!'));
      expect((await info(other)).statusCode).toBe(401);
    });

    it('another algorithm -> 401 invalid algorithm', async () => {
      const hs512 = await new SignJWT({ id: '3' })
        .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new Uint8Array(64));
      const res = await info(hs512);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ status: false, message: 'invalid algorithm' });
    });

    it('expiry follows the injected clock', async () => {
      const jwt = await token({ expires: 1 });
      clock += 59_000;
      expect((await info(jwt)).statusCode).toBe(200);
      clock += 1_000; // now == exp
      const res = await info(jwt);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ status: false, message: 'jwt expired' });
    });

    it('a default token lives one hour', async () => {
      const jwt = await token();
      clock += 3599_000;
      expect((await info(jwt)).statusCode).toBe(200);
      clock += 1_000;
      expect((await info(jwt)).statusCode).toBe(401);
    });

    it('revokeAllTokens() invalidates every issued token; a new one works', async () => {
      const first = await token();
      const second = await sim.issueToken();
      sim.revokeAllTokens();
      for (const jwt of [first, second]) {
        const res = await info(jwt);
        expect(res.statusCode).toBe(401);
        expect(res.json().status).toBe(false);
      }
      expect((await info(await token())).statusCode).toBe(200);
    });

    it('POST /__sandbox/state/revoke-tokens does the same over HTTP', async () => {
      const jwt = await token();
      const res = await sim.app.inject({ method: 'POST', url: '/__sandbox/state/revoke-tokens' });
      expect(res.statusCode).toBe(204);
      expect((await info(jwt)).statusCode).toBe(401);
    });

    it('reset() keeps issued tokens valid', async () => {
      const jwt = await token();
      sim.reset();
      expect((await info(jwt)).statusCode).toBe(200);
    });
  });
});

describe('Interwater simulator over real HTTP', () => {
  it('auth then info through listenSimulator; revoked token -> 401', async () => {
    const sim = createInterwaterSimulator();
    const running = await listenSimulator(sim);
    try {
      const auth = await fetch(`${running.url}/v1/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...KEYS, expires: 5 }),
      });
      const { data } = (await auth.json()) as { data: { accessToken: string } };
      const info = await fetch(`${running.url}/v1/info`, {
        headers: { 's-connector-jwt': data.accessToken },
      });
      expect(info.status).toBe(200);
      sim.revokeAllTokens();
      const again = await fetch(`${running.url}/v1/info`, {
        headers: { 's-connector-jwt': data.accessToken },
      });
      expect(again.status).toBe(401);
    } finally {
      await running.close();
    }
  });
});
