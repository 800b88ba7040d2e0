import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
