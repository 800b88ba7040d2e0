import { createLocalJWKSet, jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { DEMO_PASSWORD, DEMO_USER, SERVICE_CLIENT, startStack, TestStack } from './support/stack';
import { UpstreamProbeModule } from './support/upstream-probe.module';

describe('unified auth: token endpoint, sessions, revocation, JWKS', () => {
  let stack: TestStack;
  let http: TestStack['http'];

  beforeAll(async () => {
    stack = await startStack({ imports: [UpstreamProbeModule] });
    http = stack.http;
  });
  afterAll(() => stack.close());

  const token = (body: Record<string, string>) =>
    request(http).post('/v1/auth/token').type('form').send(body);
  const links = (accessToken: string) =>
    request(http).get('/v1/me/links').set('authorization', `Bearer ${accessToken}`);

  describe('password grant', () => {
    it('signs in to Lux by default and opens a session with user scopes', async () => {
      const res = await token({
        grant_type: 'password',
        username: DEMO_USER,
        password: DEMO_PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({
        token_type: 'Bearer',
        scope: 'profile therapy appliances conference:read',
      });
      expect(res.body.expires_in).toBeGreaterThan(0);
      expect(res.body.refresh_token).toMatch(/^rt1\./);
      const form = stack.nueyne.faults.recorded('POST /api/v1/lux/auth/email/signin').at(-1)!;
      expect(form.headers['content-type']).toContain('application/x-www-form-urlencoded');
      expect(form.body).toEqual({ username: DEMO_USER, password: DEMO_PASSWORD });
      const me = await links(res.body.access_token);
      expect(me.status).toBe(200);
      expect(me.body.lux).toMatchObject({
        provider: 'lux',
        linked: true,
        state: 'active',
        accountId: '1',
      });
      expect(me.body.legacy).toEqual({ provider: 'legacy', linked: false });
      expect(JSON.stringify(me.body)).not.toMatch(/token|password/i);
    });

    it('signs in to Elexir Legacy with provider=legacy, in a JSON body too', async () => {
      const res = await request(http).post('/v1/auth/token').send({
        grant_type: 'password',
        provider: 'legacy',
        username: DEMO_USER,
        password: DEMO_PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(stack.nueyne.faults.count('POST /api/v1/legacy/auth/signin')).toBeGreaterThan(0);
      const me = await links(res.body.access_token);
      expect(me.body.legacy).toMatchObject({ linked: true, state: 'active' });
      expect(me.body.lux.linked).toBe(false);
    });

    it.each([
      ['lux', DEMO_USER, 'wrong', 'The e-mail or password is wrong.'],
      ['lux', 'nobody@junction.dev', DEMO_PASSWORD, 'The e-mail or password is wrong.'],
      ['legacy', DEMO_USER, 'wrong', 'The e-mail or password is wrong.'],
      ['lux', 'blocked@junction.dev', DEMO_PASSWORD, 'This account is blocked.'],
      ['legacy', 'blocked@junction.dev', DEMO_PASSWORD, 'This account is blocked.'],
      ['lux', 'deleted@junction.dev', DEMO_PASSWORD, 'This account was deleted.'],
      ['legacy', 'deleted@junction.dev', DEMO_PASSWORD, 'This account was deleted.'],
      [
        'lux',
        'sms@junction.dev',
        DEMO_PASSWORD,
        'This account needs SMS verification before it can sign in.',
      ],
      [
        'legacy',
        'unverified@junction.dev',
        DEMO_PASSWORD,
        'This account needs its e-mail address verified before it can sign in.',
      ],
      [
        'lux',
        'pending@junction.dev',
        DEMO_PASSWORD,
        'Sign-up is not completed for this account; finish it in the app first.',
      ],
    ])('%s %s refused: invalid_grant "%s"', async (provider, username, password, description) => {
      const res = await token({ grant_type: 'password', provider, username, password });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid_grant', error_description: description });
    });

    it('answers RFC 6749 errors for malformed requests', async () => {
      expect((await token({ grant_type: 'password', username: DEMO_USER })).body).toMatchObject({
        error: 'invalid_request',
        error_description: 'The parameter password is required.',
      });
      expect((await token({ grant_type: 'implicit' })).body.error).toBe('unsupported_grant_type');
      expect((await token({})).body.error).toBe('invalid_request');
      expect(
        (await token({ grant_type: 'password', provider: 'withnox', username: 'a', password: 'b' }))
          .body.error,
      ).toBe('invalid_request');
      const scope = await token({
        grant_type: 'password',
        username: DEMO_USER,
        password: DEMO_PASSWORD,
        scope: 'conference:admin',
      });
      expect(scope.status).toBe(400);
      expect(scope.body.error).toBe('invalid_scope');
      const repeated = await request(http)
        .post('/v1/auth/token')
        .type('form')
        .send('grant_type=password&grant_type=password');
      expect(repeated.body).toMatchObject({
        error: 'invalid_request',
        error_description: 'The parameter grant_type must not repeat.',
      });
    });

    it('narrows scopes on request', async () => {
      const res = await token({
        grant_type: 'password',
        username: DEMO_USER,
        password: DEMO_PASSWORD,
        scope: 'profile',
      });
      expect(res.body.scope).toBe('profile');
    });

    it('answers temporarily_unavailable when Nueyne is down', async () => {
      stack.nueyne.faults.add({
        route: 'POST /api/v1/lux/auth/email/signin',
        fail: { count: 1, status: 503, body: 'down' },
      });
      const res = await token({
        grant_type: 'password',
        username: DEMO_USER,
        password: DEMO_PASSWORD,
      });
      expect(res.status).toBe(503);
      expect(res.body.error).toBe('temporarily_unavailable');
      stack.nueyne.faults.clear();
    });
  });

  describe('refresh_token grant', () => {
    it('rotates: the new refresh token works, the old one is refused and ends the session', async () => {
      const first = await stack.login();
      const rotated = await token({
        grant_type: 'refresh_token',
        refresh_token: first.refreshToken,
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.refresh_token).not.toBe(first.refreshToken);
      expect((await links(rotated.body.access_token)).status).toBe(200);
      const again = await token({
        grant_type: 'refresh_token',
        refresh_token: rotated.body.refresh_token,
      });
      expect(again.status).toBe(200);

      const reuse = await token({ grant_type: 'refresh_token', refresh_token: first.refreshToken });
      expect(reuse.status).toBe(400);
      expect(reuse.body.error).toBe('invalid_grant');
      expect(reuse.body.error_description).toContain('already used');
      // The whole session ended: the newest tokens stop working too.
      const after = await links(again.body.access_token);
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('INVALID_TOKEN');
      expect(
        (await token({ grant_type: 'refresh_token', refresh_token: again.body.refresh_token })).body
          .error,
      ).toBe('invalid_grant');
    });

    it('refuses a malformed or unknown refresh token', async () => {
      expect((await token({ grant_type: 'refresh_token', refresh_token: 'nope' })).body.error).toBe(
        'invalid_grant',
      );
      expect(
        (await token({ grant_type: 'refresh_token', refresh_token: 'rt1.unknown.secret' })).body
          .error,
      ).toBe('invalid_grant');
    });
  });

  describe('client_credentials grant', () => {
    it('issues a service token with HTTP Basic or body credentials', async () => {
      const basic = await request(http)
        .post('/v1/auth/token')
        .auth(SERVICE_CLIENT.id, SERVICE_CLIENT.secret)
        .type('form')
        .send({ grant_type: 'client_credentials' });
      expect(basic.status).toBe(200);
      expect(basic.body.scope).toBe('conference:read conference:admin');
      expect(basic.body.refresh_token).toBeUndefined();
      const post = await token({
        grant_type: 'client_credentials',
        client_id: SERVICE_CLIENT.id,
        client_secret: SERVICE_CLIENT.secret,
        scope: 'conference:read',
      });
      expect(post.status).toBe(200);
      expect(post.body.scope).toBe('conference:read');
    });

    it('refuses a wrong secret, an unknown client and a missing authentication with invalid_client', async () => {
      const wrong = await request(http)
        .post('/v1/auth/token')
        .auth(SERVICE_CLIENT.id, 'wrong-secret-0000000')
        .type('form')
        .send({ grant_type: 'client_credentials' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe('invalid_client');
      expect(wrong.headers['www-authenticate']).toContain('Basic');
      const unknown = await token({
        grant_type: 'client_credentials',
        client_id: 'ghost',
        client_secret: 'x'.repeat(20),
      });
      expect(unknown.status).toBe(401);
      const none = await token({ grant_type: 'client_credentials' });
      expect(none.status).toBe(401);
      const scope = await token({
        grant_type: 'client_credentials',
        client_id: SERVICE_CLIENT.id,
        client_secret: SERVICE_CLIENT.secret,
        scope: 'profile',
      });
      expect(scope.body.error).toBe('invalid_scope');
    });

    it('holds no linked accounts: user routes answer 403', async () => {
      const service = await stack.serviceToken();
      const res = await request(http)
        .get('/probe/lux-me')
        .set('authorization', `Bearer ${service}`);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ACCOUNT_NOT_LINKED');
    });
  });

  describe("client identification: Swagger UI's defaults and public clients", () => {
    const claims = (accessToken: string) =>
      JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
    const signIn = { grant_type: 'password', username: DEMO_USER, password: DEMO_PASSWORD };

    it('treats empty Basic credentials (Swagger UI sends `Basic Og==`) as none: no challenge', async () => {
      const password = await request(http)
        .post('/v1/auth/token')
        .set('authorization', 'Basic Og==')
        .type('form')
        .send(signIn);
      expect(password.status).toBe(200);
      expect(claims(password.body.access_token).client_id).toBeUndefined();
      const service = await request(http)
        .post('/v1/auth/token')
        .set('authorization', 'Basic Og==')
        .type('form')
        .send({ grant_type: 'client_credentials' });
      expect(service.status).toBe(401);
      expect(service.body.error).toBe('invalid_client');
      expect(service.headers['www-authenticate']).toBeUndefined();
      const none = await token({ grant_type: 'client_credentials' });
      expect(none.status).toBe(401);
      expect(none.headers['www-authenticate']).toBeUndefined();
    });

    it('accepts the public docs client without a secret, in the Basic header or the body', async () => {
      const basic = await request(http)
        .post('/v1/auth/token')
        .auth('junction-docs', '')
        .type('form')
        .send(signIn);
      expect(basic.status).toBe(200);
      expect(claims(basic.body.access_token).client_id).toBe('junction-docs');
      const body = await token({ ...signIn, client_id: 'junction-docs' });
      expect(body.status).toBe(200);
      expect(claims(body.body.access_token).client_id).toBe('junction-docs');
      // A public client proves nothing, so it cannot get a service token.
      const service = await token({ grant_type: 'client_credentials', client_id: 'junction-docs' });
      expect(service.status).toBe(401);
      expect(service.body.error).toBe('invalid_client');
    });

    it('refuses an unknown public client id, and a confidential client id without its secret', async () => {
      const unknown = await token({ ...signIn, client_id: 'ghost' });
      expect(unknown.status).toBe(401);
      expect(unknown.body.error).toBe('invalid_client');
      expect(unknown.headers['www-authenticate']).toBeUndefined();
      // Naming `reports` without its secret would put its name on a session it never opened.
      const impersonated = await request(http)
        .post('/v1/auth/token')
        .auth(SERVICE_CLIENT.id, '')
        .type('form')
        .send(signIn);
      expect(impersonated.status).toBe(401);
      expect(impersonated.headers['www-authenticate']).toBe('Basic realm="junction"');
      const authenticated = await request(http)
        .post('/v1/auth/token')
        .auth(SERVICE_CLIENT.id, SERVICE_CLIENT.secret)
        .type('form')
        .send(signIn);
      expect(authenticated.status).toBe(200);
      expect(claims(authenticated.body.access_token).client_id).toBe(SERVICE_CLIENT.id);
    });
  });

  describe('token exchange (RFC 8693)', () => {
    it('exchanges a Nueyne access token for a gateway session', async () => {
      const nueyne = stack.nueyne.issueTokens('lux', DEMO_USER);
      const res = await token({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: nueyne.access_token,
        subject_token_type: 'urn:nueyne:lux',
        nueyne_refresh_token: nueyne.refresh_token,
      });
      expect(res.status).toBe(200);
      expect(res.body.issued_token_type).toBe('urn:ietf:params:oauth:token-type:access_token');
      const probe = await request(http)
        .get('/probe/lux-me')
        .set('authorization', `Bearer ${res.body.access_token}`);
      expect(probe.body).toEqual({ status: 200 });
      const sent = stack.nueyne.faults.recorded('GET /api/v1/lux/user/me').at(-1)!;
      expect(sent.headers.authorization).toBe(`Bearer ${nueyne.access_token}`);
    });

    it('refuses a token Nueyne does not accept, and a wrong token type', async () => {
      const bad = await token({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: 'not-a-nueyne-token',
        subject_token_type: 'urn:nueyne:legacy',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('invalid_grant');
      const type = await token({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: 'x',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      });
      expect(type.body.error).toBe('invalid_request');
    });
  });

  describe('revocation (RFC 7009)', () => {
    it('revoking a refresh token ends the session', async () => {
      const pair = await stack.login();
      const res = await request(http)
        .post('/v1/auth/revoke')
        .type('form')
        .send({ token: pair.refreshToken });
      expect(res.status).toBe(200);
      expect((await links(pair.accessToken)).status).toBe(401);
      expect(
        (await token({ grant_type: 'refresh_token', refresh_token: pair.refreshToken })).body.error,
      ).toBe('invalid_grant');
    });

    it('revoking a user access token ends its session', async () => {
      const pair = await stack.login();
      await request(http)
        .post('/v1/auth/revoke')
        .send({ token: pair.accessToken, token_type_hint: 'access_token' })
        .expect(200);
      expect((await links(pair.accessToken)).status).toBe(401);
    });

    it('revoking a service token denies it until it expires', async () => {
      const service = await stack.serviceToken();
      expect((await links(service)).status).toBe(200);
      await request(http).post('/v1/auth/revoke').send({ token: service }).expect(200);
      const after = await links(service);
      expect(after.status).toBe(401);
      expect(after.body.detail).toBe('The access token was revoked.');
    });

    it('answers 200 for unknown tokens and 400 for a bad hint', async () => {
      await request(http).post('/v1/auth/revoke').send({ token: 'whatever' }).expect(200);
      const hint = await request(http)
        .post('/v1/auth/revoke')
        .send({ token: 'x', token_type_hint: 'id_token' });
      expect(hint.body.error).toBe('unsupported_token_type');
    });
  });

  describe('access token verification', () => {
    const issuer = 'http://localhost:3000';
    const audience = 'junction';
    let valid: string;
    beforeAll(async () => {
      valid = (await stack.login()).accessToken;
    });

    it('publishes JWKS that verify the tokens (as an internal service would) and RFC 8414 metadata', async () => {
      const jwks = await request(http).get('/.well-known/jwks.json').expect(200);
      expect(jwks.body.keys).toHaveLength(1);
      expect(jwks.body.keys[0]).toMatchObject({
        kty: 'EC',
        crv: 'P-256',
        alg: 'ES256',
        use: 'sig',
      });
      expect(jwks.body.keys[0].d).toBeUndefined();
      const { payload, protectedHeader } = await jwtVerify(valid, createLocalJWKSet(jwks.body), {
        issuer,
        audience,
      });
      expect(protectedHeader).toMatchObject({
        alg: 'ES256',
        typ: 'at+jwt',
        kid: jwks.body.keys[0].kid,
      });
      expect(payload).toMatchObject({
        sub: 'lux:1',
        scope: 'profile therapy appliances conference:read',
      });
      expect(typeof payload.sid).toBe('string');
      expect(typeof payload.jti).toBe('string');
      const meta = await request(http).get('/.well-known/oauth-authorization-server').expect(200);
      expect(meta.body).toMatchObject({
        issuer,
        token_endpoint: `${issuer}/v1/auth/token`,
        revocation_endpoint: `${issuer}/v1/auth/revoke`,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        token_endpoint_auth_methods_supported: [
          'client_secret_basic',
          'client_secret_post',
          'none',
        ],
      });
      // Only for JWT client authentication, which the gateway does not offer (RFC 8414).
      expect(meta.body).not.toHaveProperty('token_endpoint_auth_signing_alg_values_supported');
    });

    const rejects = async (bearer: string, detail: RegExp) => {
      const res = await links(bearer);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
      expect(res.body.detail).toMatch(detail);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    };

    it('rejects alg none, a foreign key, wrong issuer or audience, expired and tampered tokens', async () => {
      const claims = JSON.parse(Buffer.from(valid.split('.')[1], 'base64url').toString());
      const none = new UnsecuredJWT(claims).encode();
      await rejects(none, /malformed|signature|not signed/);

      const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      const kid = JSON.parse(Buffer.from(valid.split('.')[0], 'base64url').toString()).kid;
      const signWith = (
        key: Parameters<SignJWT['sign']>[0],
        override: Record<string, unknown> = {},
      ) =>
        new SignJWT({ ...claims, ...override })
          .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
          .sign(key);
      await rejects(await signWith(foreign), /signature/);

      const ours = createPrivateKey(stack.env.GATEWAY_JWT_PRIVATE_KEY);
      await rejects(await signWith(ours, { iss: 'https://evil.example' }), /iss/);
      await rejects(await signWith(ours, { aud: 'someone-else' }), /aud/);
      await rejects(await signWith(ours, { exp: Math.floor(Date.now() / 1000) - 10 }), /expired/);
      // A genuine signature with a changed payload.
      const [header, , signature] = valid.split('.');
      const forged = Buffer.from(JSON.stringify({ ...claims, scope: 'conference:admin' })).toString(
        'base64url',
      );
      await rejects(`${header}.${forged}.${signature}`, /signature/);
      // Still fine: a token signed by our key with the right claims.
      expect((await links(await signWith(ours))).status).toBe(200);
    });

    it('answers 401 problem+json with a challenge when the token is missing', async () => {
      const res = await request(http).get('/v1/me/links');
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="junction"');
    });
  });
});
