import request from 'supertest';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { authed, expectProblem } from './support/http';
import { startStack, TestStack } from './support/stack';

const CONTROL = 'POST /v2/devices/control/:deviceId';
const ROOT_PATCH = 'PATCH /api/v1/lux/user/root-user';
const POLICY = 'PATCH /api/v1/lux/user/policy';

/** `depth` arrays inside each other: `[[[...]]]`. */
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/** `depth` objects inside each other: `{"a":{"a":...{}}}`. */
const deepObject = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

/**
 * What a hostile or careless body costs: deep nesting, huge key counts and non-object bodies end in
 * a short 400 decided before the parse cost grows, never a 500, a stall or a megabyte problem; the
 * token and revocation endpoints answer every error in RFC 6749's own form.
 */
describe('input limits', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack();
    token = (await stack.login('lux')).accessToken;
    await authed(stack.http, token)
      .put('/v1/me/links/thinq')
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.nueyne.faults.resetCalls();
    stack.thinq.faults.resetCalls();
  });

  const as = () => authed(stack.http, token);
  const sendJson = (test: request.Test, text: string) =>
    test.set('content-type', 'application/json').send(text);

  describe('nesting depth', () => {
    it.each([
      ['a 10,000-deep array', deepArray(10_000)],
      ['a 10,000-deep object', deepObject(10_000)],
      ['a 100,000-deep array', deepArray(100_000)],
      ['33 levels', deepArray(33)],
    ])('refuses %s with 400 naming the limit, before any upstream call', async (_, body) => {
      const res = await sendJson(as().patch('/v1/me'), body);
      expectProblem(res, 400, 'MALFORMED_BODY');
      expect(res.body.detail).toMatch(/deeper than 32/);
      expect(res.body.errors).toEqual([{ field: 'body', message: 'nests deeper than 32 levels' }]);
      expect(stack.nueyne.faults.count(ROOT_PATCH)).toBe(0);
    });

    it('still parses 32 levels, and a deep string is only a string', async () => {
      // 32 levels reach the DTO (which refuses the unknown field), not the depth check.
      const res = await sendJson(as().patch('/v1/me'), `{"x":${deepArray(31)}}`);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const text = await sendJson(
        as().patch('/v1/me'),
        JSON.stringify({ firstName: '[[[[{{{{'.repeat(20) }),
      );
      expect(text.body.errors?.map((e: { field: string }) => e.field)).toEqual(['firstName']);
    });

    it('keeps answering everyone while one client sends deep bodies', async () => {
      const attacks = Array.from({ length: 20 }, () =>
        sendJson(as().patch('/v1/me'), deepArray(100_000)),
      );
      const reads = Array.from({ length: 20 }, () => as().get('/v1/me/links'));
      const [attacked, read] = await Promise.all([Promise.all(attacks), Promise.all(reads)]);
      expect(attacked.map((r) => r.status)).toEqual(Array(20).fill(400));
      expect(read.map((r) => r.status)).toEqual(Array(20).fill(200));
    });
  });

  describe('member counts and string sizes', () => {
    it('refuses a JSON body of more than 1,000 keys or items', async () => {
      const keys = Object.fromEntries(
        Array.from({ length: 60_000 }, (_, i) => [`k${i}`, { v: i % 10 }]),
      );
      const res = await sendJson(
        as().post(`/v1/appliances/${THINQ_DEVICE_IDS.airConditioner}/commands`),
        JSON.stringify(keys),
      );
      expectProblem(res, 400, 'MALFORMED_BODY');
      expect(res.body.detail).toMatch(/more than 1,000/);
      expect(JSON.stringify(res.body).length).toBeLessThan(2000);
      expect(stack.thinq.faults.count(CONTROL)).toBe(0);
      const items = await sendJson(
        as().patch('/v1/me'),
        JSON.stringify({ firstName: Array(1001).fill(1) }),
      );
      expectProblem(items, 400, 'MALFORMED_BODY');
    });

    it('refuses a string longer than 65,536 characters as sent', async () => {
      const res = await sendJson(
        as().patch('/v1/me'),
        JSON.stringify({ firstName: 'a'.repeat(70_000) }),
      );
      expectProblem(res, 400, 'MALFORMED_BODY');
      expect(res.body.detail).toMatch(/65,536/);
    });

    it('refuses a form body of more than 1,000 parameters', async () => {
      const form = Array.from({ length: 5000 }, (_, i) => `k${i}=1`).join('&');
      const res = await as()
        .patch('/v1/me')
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(form);
      expectProblem(res, 400, 'MALFORMED_BODY');
    });
  });

  describe('problem size', () => {
    it('lists at most 20 field errors with a count of the rest, and keeps detail short', async () => {
      const keys = Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`k${i}`, 1]));
      const res = await as()
        .post(`/v1/appliances/${THINQ_DEVICE_IDS.airConditioner}/commands`)
        .send(keys);
      expectProblem(res, 400, 'INVALID_COMMAND');
      expect(res.body.errors).toHaveLength(20);
      expect(res.body.errors[0]).toEqual({
        field: 'k0',
        message: 'is not a resource of this device',
      });
      expect(res.body.errorsOmitted).toBe(880);
      expect(res.body.detail.length).toBeLessThanOrEqual(500);
      expect(stack.thinq.faults.count(CONTROL)).toBe(0);
    });

    it('caps DTO validation problems the same way', async () => {
      const keys = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 1]));
      const res = await as().patch('/v1/me').send(keys);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toHaveLength(20);
      expect(res.body.errorsOmitted).toBe(280);
      expect(res.body.detail).toBe(
        'Invalid fields: k0, k1, k2, k3, k4, k5, k6, k7, k8, k9 and 290 more.',
      );
    });
  });

  describe('bodies that are not objects', () => {
    it.each([
      ['/v1/me', ROOT_PATCH],
      ['/v1/me/policy', POLICY],
    ])(
      'PATCH %s refuses null, a list, a number, a string and no body as 400 naming the body',
      async (path, upstream) => {
        for (const body of ['null', '[]', '[{"firstName":"A"}]', '7', '"text"']) {
          const res = await sendJson(as().patch(path), body);
          expectProblem(res, 400, 'VALIDATION_FAILED');
          expect(res.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
        }
        const missing = await as().patch(path);
        expectProblem(missing, 400, 'VALIDATION_FAILED');
        expect(stack.nueyne.faults.count(upstream)).toBe(0);
      },
    );

    it('still accepts an object', async () => {
      const res = await as().patch('/v1/me').send({ firstName: 'Jiwoo' });
      expect(res.status).toBe(200);
    });
  });

  describe('token and revocation endpoints speak RFC 6749 for every error', () => {
    const oauth = (res: request.Response, status = 400, error = 'invalid_request') => {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
      expect(typeof res.body.error_description).toBe('string');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(JSON.stringify(res.body)).not.toMatch(/urn:junction:problem/);
    };

    it.each(['/v1/auth/token', '/v1/auth/revoke'])(
      '%s: bad JSON, a NUL byte, deep nesting, too many keys, a wrong content type, too large',
      async (path) => {
        const post = () => request(stack.http).post(path);
        oauth(await sendJson(post(), '{"grant_type": '));
        oauth(await sendJson(post(), '\u0000'));
        oauth(await sendJson(post(), ''));
        oauth(await sendJson(post(), deepObject(10_000)));
        oauth(await sendJson(post(), '[1]'));
        const many = Array.from({ length: 2000 }, (_, i) => `k${i}=1`).join('&');
        oauth(await post().set('content-type', 'application/x-www-form-urlencoded').send(many));
        oauth(await post().set('content-type', 'text/plain').send('grant_type=password'));
        oauth(await post().set('content-type', 'application/xml').send('<a/>'));
        oauth(await sendJson(post(), JSON.stringify({ token: 'x'.repeat(2_000_000) })));
      },
    );

    it('answers its rate limit in RFC 6749 form too, keeping Retry-After', async () => {
      const limited = await startStack({
        env: { RATE_LIMITS: JSON.stringify({ auth: { limit: 1, windowSeconds: 60 } }) },
      });
      try {
        const send = () =>
          request(limited.http).post('/v1/auth/token').type('form').send({ grant_type: 'nope' });
        oauth(await send(), 400, 'unsupported_grant_type');
        const refused = await send();
        oauth(refused, 429, 'temporarily_unavailable');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await limited.close();
      }
    });
  });
});
