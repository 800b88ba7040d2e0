import request from 'supertest';
import { registeredRoutes } from '../src/http/route-registry';
import { startGateway, TestGateway } from './support/gateway';

/** Routes that answer without a gateway token. Adding one here is a security decision. */
const PUBLIC = new Set([
  'POST /v1/auth/token',
  'POST /v1/auth/revoke',
  'GET /.well-known/jwks.json',
  'GET /.well-known/oauth-authorization-server',
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  // Onboarding: sign-up and recovery happen before there is an account (abuse limits instead).
  'POST /v1/accounts/lux/phone-verifications',
  'POST /v1/accounts/lux/phone-verifications/confirm',
  'POST /v1/accounts/lux',
  'POST /v1/accounts/legacy',
  'POST /v1/accounts/lux/password-reset',
  'POST /v1/accounts/legacy/password-reset',
  'POST /v1/accounts/lux/recover-id',
  'POST /v1/accounts/legacy/recover-id',
  'GET /v1/accounts/legacy/email-availability',
]);
const DOCS = /^\/docs(\/|$)/;

describe('every route needs a gateway token unless it is explicitly public', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it('lists the routes and finds every non-public one answering 401', async () => {
    const routes = registeredRoutes(gateway.app).filter(
      (r) => r.method !== 'HEAD' && r.method !== 'OPTIONS',
    );
    const api = routes.filter((r) => !DOCS.test(r.url) && !r.url.startsWith('*'));
    expect(api.length).toBeGreaterThan(PUBLIC.size);
    const open: string[] = [];
    for (const route of api) {
      const key = `${route.method} ${route.url}`;
      const path = route.url.replace(/:[^/]+/g, 'x');
      const res = await request(gateway.app.getHttpServer())
        [route.method.toLowerCase() as 'get'](path)
        .send({});
      if (PUBLIC.has(key)) continue;
      if (res.status !== 401 || res.body.code !== 'UNAUTHENTICATED')
        open.push(`${key} -> ${res.status}`);
    }
    expect(open).toEqual([]);
    // Every allow-listed route exists (a stale list would hide a rename).
    const keys = new Set(api.map((r) => `${r.method} ${r.url}`));
    expect([...PUBLIC].filter((key) => !keys.has(key))).toEqual([]);
  });

  it('serves Swagger UI and the OpenAPI document without a token', async () => {
    const ui = await request(gateway.app.getHttpServer()).get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await request(gateway.app.getHttpServer()).get('/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.info.title).toBe('Junction API');
  });
});
