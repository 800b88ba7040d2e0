import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { ObservedResponse, OpenApiContract } from './support/openapi-contract';

/**
 * The checker every e2e answer goes through (test/support/openapi-responses.ts): that it catches
 * each kind of drift, applies OpenAPI 3.0.3's nullable rules, and is really wired into supertest.
 */
describe('openapi.json contract checker', () => {
  const contract = OpenApiContract.load();
  const json = { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r1' };
  const problemJson = {
    'content-type': 'application/problem+json; charset=utf-8',
    'x-request-id': 'r1',
  };
  const answer = (over: Partial<ObservedResponse>): ObservedResponse => ({
    method: 'GET',
    url: '/health/live',
    status: 200,
    headers: json,
    body: { status: 'ok' },
    text: '{"status":"ok"}',
    ...over,
  });
  const problem = {
    type: 'urn:junction:problem:rate-limited',
    title: 'Too many requests',
    status: 429,
    detail: 'Too many requests',
    instance: '/v1/devices',
    code: 'RATE_LIMITED',
    requestId: 'r1',
  };
  const home = {
    profile: null,
    devices: [],
    therapySummary: null,
    liveSessions: null,
    errors: [],
    warnings: [],
    freshness: [],
  };
  const homeAnswer = (body: unknown) =>
    answer({
      url: '/v1/home',
      headers: { ...json, etag: 'W/"abc"' },
      body,
      text: JSON.stringify(body),
    });

  it('passes an answer that conforms', () => {
    expect(contract.check(answer({}))).toEqual([]);
  });

  it('admits null for the nullable DTO parts of /v1/home, and only null besides the DTO', () => {
    expect(contract.check(homeAnswer(home))).toEqual([]);
    expect(contract.check(homeAnswer({ ...home, therapySummary: 'none' }))).not.toEqual([]);
    expect(contract.check(homeAnswer({ ...home, profile: {} }))).not.toEqual([]);
  });

  it('applies OpenAPI 3.0.3: nullable beside allOf, or beside an enum without null, admits no null', () => {
    const strict = new OpenApiContract({
      paths: {
        '/x': {
          get: {
            responses: {
              '200': {
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: {
                        part: { nullable: true, allOf: [{ $ref: '#/components/schemas/Part' }] },
                        kind: { type: 'string', nullable: true, enum: ['a', 'b'] },
                        name: { type: 'string', nullable: true },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: { schemas: { Part: { type: 'object', properties: { n: { type: 'number' } } } } },
    });
    const body = (b: unknown) =>
      strict.check({
        method: 'GET',
        url: '/x',
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: b,
        text: '{}',
      });
    expect(body({ name: null })).toEqual([]);
    expect(body({ part: null })).toEqual([expect.stringContaining('/part')]);
    expect(body({ kind: null })).toEqual([expect.stringContaining('/kind')]);
  });

  it('fails a member the schema does not declare, naming it', () => {
    expect(contract.check(answer({ body: { status: 'ok', extra: 1 } }))).toEqual([
      expect.stringContaining('(extra)'),
    ]);
  });

  it('fails a status the operation does not declare', () => {
    expect(contract.check(answer({ status: 418 }))).toEqual([
      expect.stringContaining('status 418 is not declared'),
    ]);
  });

  it('fails an undeclared content type, and a body where none is declared', () => {
    expect(contract.check(answer({ headers: { ...json, 'content-type': 'text/html' } }))).toEqual([
      expect.stringContaining('content type text/html is not declared'),
    ]);
    expect(
      contract.check(
        answer({ method: 'DELETE', url: '/v1/me', status: 204, body: {}, text: '{}' }),
      ),
    ).toEqual([expect.stringContaining('a body is sent')]);
  });

  it('fails a gateway header that is sent but not declared, or required and missing', () => {
    expect(contract.check(answer({ headers: { ...json, 'retry-after': '5' } }))).toEqual([
      expect.stringContaining('header retry-after is sent but not declared'),
    ]);
    expect(contract.check(answer({ headers: { 'content-type': 'application/json' } }))).toEqual([
      expect.stringContaining('required header x-request-id is missing'),
    ]);
    const limited = (headers: Record<string, string>) =>
      contract.check({
        method: 'GET',
        url: '/v1/devices',
        status: 429,
        headers,
        body: problem,
        text: JSON.stringify(problem),
      });
    const rateLimit = { ratelimit: '"default";r=0;t=9', 'ratelimit-policy': '"default";q=5;w=60' };
    expect(limited({ ...problemJson, ...rateLimit, 'retry-after': '9' })).toEqual([]);
    expect(limited({ ...problemJson, ...rateLimit })).toEqual([
      expect.stringContaining('required header retry-after is missing'),
    ]);
    expect(limited({ ...problemJson, ...rateLimit, 'retry-after': 'soon' })).toEqual([
      expect.stringContaining('header retry-after'),
    ]);
  });

  it('wants 405 with Allow for a method a known path does not have', () => {
    expect(contract.check(answer({ method: 'POST', url: '/v1/me', status: 404 }))).toEqual([
      expect.stringContaining('want 405'),
      '405 without an Allow header',
    ]);
    expect(
      contract.check(
        answer({ method: 'TRACE', url: '/v1/me', status: 405, headers: { allow: 'GET' } }),
      ),
    ).toEqual([]);
  });

  it('leaves paths the spec does not describe alone (simulators, probes)', () => {
    expect(contract.check(answer({ url: '/api/v1/lux/user/me', status: 418 }))).toEqual([]);
  });

  describe('wired into every supertest request of the e2e files', () => {
    let server: Server;
    let url: string;

    beforeAll(async () => {
      // Not the gateway: a server that answers GET /health/live with a member the spec lacks.
      server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r1' });
        res.end('{"status":"ok","uptime":3}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('fails the request whose answer departs from the spec', async () => {
      await expect(request(url).get('/health/live')).rejects.toThrow(
        /departs from openapi\.json[\s\S]*GET \/health\/live 200: body \/ must NOT have additional properties \(uptime\)/,
      );
    });

    it('does not touch a path outside the spec', async () => {
      const res = await request(url).get('/__sandbox/calls');
      expect(res.status).toBe(200);
    });
  });
});
