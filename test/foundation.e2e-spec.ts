import request from 'supertest';
import { ProbeModule } from './support/probe.module';
import { startGateway, TestGateway } from './support/gateway';

describe('foundation: problem+json, request ids, validation', () => {
  let gateway: TestGateway;
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    gateway = await startGateway({
      imports: [ProbeModule],
      env: { GATEWAY_BODY_LIMIT_BYTES: '2048' },
    });
    server = gateway.app.getHttpServer();
  });
  afterAll(() => gateway.close());

  const isProblem = (res: request.Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status,
      code,
      type: expect.stringMatching(/^urn:junction:problem:/),
    });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(typeof res.body.title).toBe('string');
    expect(typeof res.body.detail).toBe('string');
  };

  it('answers an unknown route with a 404 problem naming the path', async () => {
    const res = await request(server).get('/v1/nothing-here?x=1');
    isProblem(res, 404, 'NOT_FOUND');
    expect(res.body.instance).toBe('/v1/nothing-here');
  });

  it('answers invalid JSON with 400 MALFORMED_BODY', async () => {
    const res = await request(server)
      .post('/probe/echo')
      .set('content-type', 'application/json')
      .send('{"name": ');
    isProblem(res, 400, 'MALFORMED_BODY');
  });

  it('answers a body over the limit with 413', async () => {
    const res = await request(server)
      .post('/probe/echo')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(4000), age: 1, address: { city: 'Seoul' } }));
    isProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const text = await request(server)
      .post('/probe/echo')
      .set('content-type', 'text/plain')
      .send('hello');
    isProblem(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const xml = await request(server)
      .post('/probe/echo')
      .set('content-type', 'application/xml')
      .send('<a/>');
    isProblem(xml, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('lists every invalid and unknown field, nested ones by path', async () => {
    const res = await request(server)
      .post('/probe/echo')
      .send({ name: 42, age: 200, address: { city: 7 }, admin: true });
    isProblem(res, 400, 'VALIDATION_FAILED');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['address.city', 'admin', 'age', 'name']);
    expect(res.body.errors).toContainEqual({ field: 'admin', message: 'is not a known field' });
    expect(res.body.detail).toContain('admin');
  });

  it('answers a crash with a bare 500: no message, stack or path', async () => {
    const res = await request(server).get('/probe/boom');
    isProblem(res, 500, 'INTERNAL_ERROR');
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/hunter2|internal\/db|at \w+ \(|Error:/);
  });

  it('answers router-level errors (bad URL) as problems too', async () => {
    const bad = await request(server).get('/v1/conference/sessions/%E0%A4%A');
    isProblem(bad, 400, 'VALIDATION_FAILED');
  });

  it('keeps a sane client x-request-id and replaces an insane one', async () => {
    const kept = await request(server).get('/health/live').set('x-request-id', 'client-abc.123');
    expect(kept.headers['x-request-id']).toBe('client-abc.123');
    const replaced = await request(server)
      .get('/health/live')
      .set('x-request-id', 'bad id with spaces<script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // A credential is never an id: the access line, which skips redaction, must not carry one.
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const credential = await request(server).get('/health/live').set('x-request-id', jwt);
    expect(credential.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(gateway.logs.join('\n')).not.toContain(jwt);
  });

  it('accepts a valid body', async () => {
    const body = { name: 'Mina', age: 30, address: { city: 'Seoul' } };
    const res = await request(server).post('/probe/echo').send(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual(body);
  });

  it('logs one JSON line per request with method, route, status, duration and request id', async () => {
    await request(server).get('/health/live').set('x-request-id', 'log-line-check');
    const line = gateway.logs
      .map((l) => JSON.parse(l))
      .find((l) => l.requestId === 'log-line-check' && l.msg === 'request');
    expect(line).toMatchObject({
      method: 'GET',
      route: '/health/live',
      status: 200,
      requestId: 'log-line-check',
    });
    expect(typeof line.durationMs).toBe('number');
  });

  it('writes no secret to the logs, whatever header or body field carries it', async () => {
    const secret = (name: string) => `S3CRET-${name}-d41d8cd98f00b204`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${secret('authorization')}`,
      cookie: `session=${secret('cookie')}`,
      'x-api-key': secret('x-api-key'),
      'x-service-key': secret('x-service-key'),
      's-connector-jwt': secret('s-connector-jwt'),
      'proxy-authorization': `Basic ${secret('proxy')}`,
    };
    const body = {
      name: secret('name'),
      age: 400,
      address: { city: secret('city') },
      password: secret('password'),
      refresh_token: secret('refresh_token'),
      client_secret: secret('client_secret'),
      accessToken: secret('accessToken'),
    };
    await request(server).post('/probe/echo').set(headers).send(body);
    await request(server).get('/probe/boom').set(headers);
    await request(server)
      .post('/v1/auth/token')
      .set(headers)
      .type('form')
      .send({
        grant_type: 'password',
        username: 'demo@junction.dev',
        password: secret('form-password'),
      });
    const logs = gateway.logs.join('\n');
    expect(logs).toContain('request');
    expect(logs).not.toMatch(/S3CRET-/);
  });
});
