import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecuritySchemeObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import request from 'supertest';
import { buildOpenApiDocument } from '../src/openapi/openapi';
import { startGateway, TestGateway } from './support/gateway';

describe('OpenAPI document', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it('matches the committed openapi.json (run `npm run openapi` after changing routes or DTOs)', () => {
    const generated = JSON.parse(JSON.stringify(buildOpenApiDocument(gateway.app)));
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
    expect(generated).toEqual(committed);
  });

  it('declares the bearer scheme and the token endpoint for Swagger UI', () => {
    const doc = buildOpenApiDocument(gateway.app);
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(doc.components?.securitySchemes?.oauth2).toMatchObject({
      type: 'oauth2',
      flows: { password: { tokenUrl: '/v1/auth/token' } },
    });
    expect(doc.paths['/v1/auth/token']?.post?.security).toEqual([]);
  });

  it('lets every protected operation accept either scheme, with the scopes its route requires', () => {
    const doc = buildOpenApiDocument(gateway.app);
    const requirements: Record<string, unknown> = {};
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const security = (operation as { security?: unknown[] }).security;
        if (security?.length) requirements[`${method.toUpperCase()} ${path}`] = security;
      }
    }
    expect(requirements['GET /v1/me']).toEqual([{ bearer: [] }, { oauth2: ['profile'] }]);
    expect(requirements['GET /v1/appliances']).toEqual([
      { bearer: [] },
      { oauth2: ['appliances'] },
    ]);
    expect(requirements['GET /v1/conference/license']).toEqual([
      { bearer: [] },
      { oauth2: ['conference:admin'] },
    ]);
    expect(requirements['GET /v1/me/links']).toEqual([{ bearer: [] }, { oauth2: [] }]);
    for (const [operation, security] of Object.entries(requirements)) {
      expect({ operation, schemes: (security as object[]).map((s) => Object.keys(s)[0]) }).toEqual({
        operation,
        schemes: ['bearer', 'oauth2'],
      });
    }
    // Users sign in with the user scopes; conference:admin is for service clients.
    const { flows } = doc.components?.securitySchemes?.oauth2 as SecuritySchemeObject;
    expect(Object.keys(flows!.password!.scopes).sort()).toEqual(
      ['appliances', 'conference:read', 'profile', 'therapy'].sort(),
    );
    expect(Object.keys(flows!.clientCredentials!.scopes)).toContain('conference:admin');
  });

  it('gives POST /v1/auth/token examples that work in the sandbox as they stand', async () => {
    const doc = buildOpenApiDocument(gateway.app);
    const { content } = doc.paths['/v1/auth/token']?.post?.requestBody as {
      content: Record<string, { examples: Record<string, { value: Record<string, string> }> }>;
    };
    const { examples } = content['application/json'];
    // Swagger UI offers the first example: the demo sign-in, not a schema sample of "string"s.
    expect(Object.keys(examples)[0]).toBe('demoSignIn');
    expect(JSON.stringify(examples)).not.toContain('"string"');
    let refreshToken = '';
    for (const [name, { value }] of Object.entries(examples)) {
      const body =
        value.grant_type === 'refresh_token' ? { ...value, refresh_token: refreshToken } : value;
      const res = await request(gateway.app.getHttpServer()).post('/v1/auth/token').send(body);
      expect({ name, status: res.status, error: res.body.error }).toEqual({ name, status: 200 });
      if (res.body.refresh_token) refreshToken = res.body.refresh_token;
    }
  });
});
