import { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { request as undiciRequest } from 'undici';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { registeredRoutes } from '../src/http/route-registry';
import { authed, expectProblem } from './support/http';
import { startStack, TestStack } from './support/stack';

/**
 * What a frontend expects of HTTP itself: ETag and 304 on reads, compressed large answers, 405 with
 * Allow, and CORS for a local dev server in the sandbox.
 */
describe('HTTP semantics', () => {
  let stack: TestStack;
  let user: string;
  let base: string;

  const STATUS = 'GET /v2/devices/status/:deviceId';
  const device = THINQ_DEVICE_IDS.airConditioner;
  const as = (token: string) => authed(stack.http, token);

  beforeAll(async () => {
    // A long fresh window, so that the cached status does not change under the test.
    // These tests are about validators: a source of the device screen past its deadline on a
    // loaded machine would answer a partial screen (another body, another ETag) instead.
    stack = await startStack({
      env: { THINQ_STATUS_FRESH_MS: '60000', AGGREGATE_SOURCE_TIMEOUT_MS: '30000' },
    });
    user = (await stack.login('lux')).accessToken;
    await as(user)
      .put('/v1/me/links/thinq')
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
    await stack.gateway.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(stack.gateway.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => stack.close());

  describe('ETag and If-None-Match', () => {
    it.each([
      ['/v1/me', 'the Lux account (hashed as it is sent)'],
      ['/v1/appliances', 'the appliance list'],
      [`/v1/appliances/${device}/profile`, 'a cached profile'],
      [`/v1/appliances/${device}/status`, 'a cached status'],
      ['/v1/me/links', 'the links'],
      ['/v1/devices', 'the device screen'],
    ])('%s (%s): a weak ETag, and 304 without a body for it', async (path) => {
      const first = await as(user).get(path);
      expect(first.status).toBe(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^W\/"[\w-]+"$/);
      const again = await as(user).get(path).set('if-none-match', etag);
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers['content-length'] ?? '0').toBe('0');
      expect(again.headers.etag).toBe(etag);
      // Weak comparison: the strong form of the same tag, or a list holding it, match too.
      const strong = etag.replace(/^W\//, '');
      expect((await as(user).get(path).set('if-none-match', strong)).status).toBe(304);
      const list = `W/"other", ${etag}`;
      expect((await as(user).get(path).set('if-none-match', list)).status).toBe(304);
      expect((await as(user).get(path).set('if-none-match', 'W/"other"')).status).toBe(200);
    });

    it('a cached status keeps the ETag stored with it: a HIT is a 304 with the cache headers', async () => {
      const path = `/v1/appliances/${THINQ_DEVICE_IDS.airPurifier}/status`;
      const miss = await as(user).get(path);
      expect(miss.headers['x-cache']).toBe('MISS');
      const calls = stack.thinq.faults.count(STATUS);
      const hit = await as(user).get(path).set('if-none-match', miss.headers.etag);
      expect(hit.status).toBe(304);
      expect(hit.headers).toMatchObject({ 'x-cache': 'HIT', etag: miss.headers.etag });
      expect(hit.headers['cache-control']).toMatch(/^private, max-age=\d+/);
      expect(stack.thinq.faults.count(STATUS)).toBe(calls);
    });

    it('a changed status has a new ETag: the old one gets 200 and the new state', async () => {
      const path = `/v1/appliances/${device}/status`;
      const before = await as(user).get(path);
      await as(user)
        .post(`/v1/appliances/${device}/commands`)
        .send({
          airFlow: { windStrength: before.body.airFlow.windStrength === 'HIGH' ? 'LOW' : 'HIGH' },
        })
        .expect(204);
      const after = await as(user).get(path).set('if-none-match', before.headers.etag);
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.body.airFlow.windStrength).not.toBe(before.body.airFlow.windStrength);
    });

    it('HEAD answers the same ETag and 304, without a body', async () => {
      const path = `/v1/appliances/${device}/profile`;
      const get = await as(user).get(path);
      const head = await request(stack.http)
        .head(path)
        .set('authorization', `Bearer ${user}`)
        .set('if-none-match', get.headers.etag);
      expect(head.status).toBe(304);
      expect(head.headers.etag).toBe(get.headers.etag);
    });

    it('no ETag on probes, writes or problems', async () => {
      expect((await request(stack.http).get('/health/live')).headers.etag).toBeUndefined();
      const problem = await as(user).get('/v1/me/members/99');
      expect(problem.status).toBe(404);
      expect(problem.headers.etag).toBeUndefined();
      const write = await as(user).patch('/v1/me').send({ gender: 'F' });
      expect(write.status).toBe(200);
      expect(write.headers.etag).toBeUndefined();
    });
  });

  describe('compression', () => {
    const raw = (path: string, encoding?: string) =>
      undiciRequest(`${base}${path}`, {
        headers: encoding ? { 'accept-encoding': encoding } : {},
      }).then(async (res) => ({
        status: res.statusCode,
        headers: res.headers,
        body: Buffer.from(await res.body.arrayBuffer()),
      }));

    it('serves /docs/openapi.json brotli or gzip as negotiated, plain otherwise', async () => {
      const plain = await raw('/docs/openapi.json');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(100_000);
      const document = JSON.parse(plain.body.toString('utf8')) as unknown;

      const br = await raw('/docs/openapi.json', 'gzip, deflate, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.body.length).toBeLessThan(plain.body.length / 4);
      expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(document);

      const gzip = await raw('/docs/openapi.json', 'gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(document);

      expect((await raw('/docs/openapi.json', 'identity')).headers['content-encoding']).toBe(
        undefined,
      );
    });

    it('compresses a large list, never the polled status route, whatever its size', async () => {
      const auth = { authorization: `Bearer ${user}`, 'accept-encoding': 'br, gzip' };
      const list = await undiciRequest(`${base}/v1/appliances`, { headers: auth });
      const listBody = Buffer.from(await list.body.arrayBuffer());
      expect(list.statusCode).toBe(200);
      expect(list.headers['content-encoding']).toBe('br');
      expect(JSON.parse(brotliDecompressSync(listBody).toString('utf8'))).toHaveLength(6);

      // A status of 4 KB, fresh from ThinQ (another device, so nothing is cached for it yet).
      const washer = THINQ_DEVICE_IDS.washer;
      stack.thinq.faults.add({
        route: STATUS,
        fail: {
          count: 1,
          status: 200,
          body: {
            messageId: 'm',
            responseCode: '0000',
            response: { note: { text: 'x'.repeat(4000) } },
          },
        },
      });
      const status = await undiciRequest(`${base}/v1/appliances/${washer}/status`, {
        headers: auth,
      });
      const statusBody = Buffer.from(await status.body.arrayBuffer());
      expect(status.statusCode).toBe(200);
      expect(status.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(statusBody.toString('utf8'))).toEqual({
        deviceType: 'DEVICE_WASHER',
        note: { text: 'x'.repeat(4000) },
      });
    });

    it('leaves small answers (under 1 KiB) uncompressed', async () => {
      const res = await undiciRequest(`${base}/health/ready`, {
        headers: { 'accept-encoding': 'br, gzip' },
      });
      const body = Buffer.from(await res.body.arrayBuffer());
      expect(res.statusCode).toBe(200);
      expect(body.length).toBeLessThan(1024);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(body.toString('utf8'))).toMatchObject({ status: 'ok' });
    });
  });

  describe('405 Method Not Allowed', () => {
    it.each([
      ['trace', '/v1/me', 'DELETE, GET, HEAD, PATCH'],
      ['post', '/v1/me', 'DELETE, GET, HEAD, PATCH'],
      ['put', '/v1/appliances', 'GET, HEAD'],
      ['get', `/v1/appliances/${device}/commands`, 'POST'],
      ['get', '/v1/me/links/lux', 'DELETE, PUT'],
      ['post', '/v1/me/links/thinq', 'DELETE, PUT'],
      // A fixed word on one method is no parameter value on another.
      ['delete', '/v1/therapy/devices/check', 'GET, HEAD'],
      ['post', '/v1/therapy/devices/check', 'GET, HEAD'],
    ] as const)('%s %s: 405 with Allow: %s', async (method, path, allow) => {
      const res = await request(stack.http)[method](path).set('authorization', `Bearer ${user}`);
      expect(res.headers.allow).toBe(allow);
      expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
      expect(res.body.detail).toContain(allow);
    });

    it('an unknown path is still 404', async () => {
      expectProblem(await request(stack.http).post('/v1/nowhere'), 404, 'NOT_FOUND');
      for (const method of ['put', 'delete'] as const) {
        const res = await request(stack.http)
          [method]('/v1/me/links/unknown')
          .set('authorization', `Bearer ${user}`);
        expectProblem(res, 404, 'NOT_FOUND');
      }
      // `events` is a fixed segment, never a device id.
      const events = await as(user).get('/v1/appliances/events/status');
      expectProblem(events, 404, 'NOT_FOUND');
    });

    it('no route takes a fixed word of another route as its parameter, for any method', async () => {
      const routes = registeredRoutes(stack.gateway.app).filter(
        (r) => r.url.startsWith('/v1/') && r.method !== 'HEAD' && r.method !== 'OPTIONS',
      );
      const probes: string[] = [];
      for (const param of routes) {
        const segments = param.url.split('/');
        segments.forEach((segment, i) => {
          if (!segment.startsWith(':')) return;
          for (const fixed of routes) {
            const other = fixed.url.split('/');
            const word = other[i];
            if (word === undefined || word.startsWith(':')) continue;
            if (other.slice(0, i).join('/') !== segments.slice(0, i).join('/')) continue;
            const path = segments
              .map((s, j) => (j === i ? word : s.startsWith(':') ? 'x' : s))
              .join('/');
            // The method's own fixed route for this very path takes it.
            if (routes.some((r) => r.method === param.method && r.url === path)) continue;
            probes.push(`${param.method} ${path}`);
          }
        });
      }
      expect(probes).toEqual(expect.arrayContaining(['DELETE /v1/therapy/devices/check']));
      for (const probe of new Set(probes)) {
        const [method, path] = probe.split(' ');
        const res = await request(stack.http)
          [method.toLowerCase() as 'get'](path)
          .set('authorization', `Bearer ${user}`);
        // Not the parametric route's handler: 405 (with Allow) or 404, never its 401/400/204.
        expect({ probe, routed: [404, 405].includes(res.status) }).toEqual({ probe, routed: true });
      }
    });
  });

  describe('CORS', () => {
    const preflight = (server: Parameters<typeof request>[0], origin: string) =>
      request(server)
        .options('/v1/me')
        .set('origin', origin)
        .set('access-control-request-method', 'PATCH')
        .set('access-control-request-headers', 'authorization, content-type, if-none-match');

    it('in the sandbox, any http://localhost port may call, nothing else', async () => {
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3001']) {
        const res = await preflight(stack.http, origin);
        expect(res.status).toBe(204);
        expect(res.headers['access-control-allow-origin']).toBe(origin);
        expect(res.headers['access-control-allow-headers']).toContain('if-none-match');
      }
      for (const origin of [
        'http://evil.example',
        'https://localhost:5173',
        'http://localhost.evil:80',
      ]) {
        const res = await preflight(stack.http, origin);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      }
      const read = await as(user).get('/v1/me').set('origin', 'http://localhost:5173');
      expect(read.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(read.headers['access-control-expose-headers']).toMatch(/etag/);
    });

    it('in production, no origin is allowed unless CORS_ORIGINS lists it', async () => {
      const production = await stack.startInstance({ NODE_ENV: 'production' });
      const listed = await stack.startInstance({
        NODE_ENV: 'production',
        CORS_ORIGINS: 'https://app.junction.dev',
      });
      const server = production.app.getHttpServer();
      const local = await preflight(server, 'http://localhost:5173');
      expect(local.headers['access-control-allow-origin']).toBeUndefined();
      const app = await preflight(listed.app.getHttpServer(), 'https://app.junction.dev');
      expect(app.headers['access-control-allow-origin']).toBe('https://app.junction.dev');
      const other = await preflight(listed.app.getHttpServer(), 'http://localhost:5173');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
