import { connect, Socket } from 'node:net';
import request from 'supertest';
import { eventually } from './support/eventually';
import { startStack, TestStack } from './support/stack';

const IDLE_MS = 400;
const TOTAL_MS = 1500;
const LIMIT = 16384;
const LINGER_MS = 1000;

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte written to the socket's end. */
  elapsedMs: number;
  /** The gateway closed the connection (not the test). */
  closed: boolean;
}

/**
 * What a client on a raw socket sees of a request whose head is `head` and whose body bytes are
 * written as `chunks` (each after its delay): the answer, and whether the gateway then closed the
 * connection. The test gives up after `waitMs`.
 */
function rawRequest(
  port: number,
  head: string,
  chunks: { delayMs: number; data: string }[],
  waitMs = 5000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let text = '';
    const timers: NodeJS.Timeout[] = [];
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      let at = 0;
      for (const chunk of chunks) {
        at += chunk.delayMs;
        timers.push(setTimeout(() => socket.writable && socket.write(chunk.data), at));
      }
    });
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no end of the answer within ${waitMs} ms; got: ${text.slice(0, 200)}`));
    }, waitMs);
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => (text += data));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      for (const timer of timers) clearTimeout(timer);
      const [headText, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = headText.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: rest.join('\r\n\r\n'),
        elapsedMs: Date.now() - started,
        closed: true,
      });
    });
  });
}

const patchMe = (length: number, ip = '192.0.2.1') =>
  `PATCH /v1/me HTTP/1.1\r\nhost: x\r\nx-forwarded-for: ${ip}\r\n` +
  `content-type: application/json\r\ncontent-length: ${length}\r\n\r\n`;

/**
 * Request bodies in flight: a body that stalls or trickles is cut with a 408 (the time it may take,
 * and the time between its bytes, are bounded); a body holds the budget only for the bytes it has
 * actually sent, so sockets that announce large bodies and go quiet cost their own client nothing
 * and everyone else nothing; a body that is refused unread (413, 429, 503) is drained before the
 * connection closes, so the client reads the problem instead of a broken pipe.
 */
describe('request bodies in flight', () => {
  let stack: TestStack;
  let url: URL;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack({
      env: {
        GATEWAY_BODY_LIMIT_BYTES: String(LIMIT),
        GATEWAY_BODY_BUDGET_BYTES: String(8 * LIMIT),
        GATEWAY_BODY_IDLE_TIMEOUT_MS: String(IDLE_MS),
        GATEWAY_BODY_TIMEOUT_MS: String(TOTAL_MS),
        GATEWAY_BODY_LINGER_MS: String(LINGER_MS),
        GATEWAY_TRUST_PROXY_HOPS: '1',
      },
    });
    await stack.gateway.app.listen({ port: 0, host: '127.0.0.1' });
    url = new URL(await stack.gateway.app.getUrl());
    port = Number(url.port);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await stack.close();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });

  /** A body of `length` bytes announced and `sent` of them written: it stays in flight. */
  const hold = (ip: string, sent: number, length = LIMIT) =>
    new Promise<Socket>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /v1/auth/token HTTP/1.1\r\nhost: x\r\nx-forwarded-for: ${ip}\r\n` +
            `content-type: application/json\r\ncontent-length: ${length}\r\n\r\n` +
            '{"grant_type":"'.padEnd(sent, 'a').slice(0, sent),
        );
        // Let the gateway see the headers and the bytes.
        setTimeout(() => resolve(socket), 100);
      });
      socket.on('error', () => undefined);
      sockets.push(socket);
    });
  const token = (ip: string) =>
    request(stack.http)
      .post('/v1/auth/token')
      .set('x-forwarded-for', ip)
      .type('form')
      .send({ grant_type: 'nope' });

  it('cuts a body that stops sending with 408 problem+json, then closes the connection', async () => {
    const answer = await rawRequest(port, patchMe(100), [{ delayMs: 0, data: '{' }]);
    expect(answer.status).toBe(408);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers['x-request-id']).toBeTruthy();
    expect(answer.headers.connection).toBe('close');
    const body = JSON.parse(answer.body) as { code: string; status: number; requestId: string };
    expect(body).toMatchObject({ code: 'REQUEST_TIMEOUT', status: 408 });
    expect(body.requestId).toBe(answer.headers['x-request-id']);
    expect(answer.closed).toBe(true);
    // Cut after the idle bound, well before the whole-body bound.
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(IDLE_MS - 50);
    expect(answer.elapsedMs).toBeLessThan(TOTAL_MS);
  });

  it('cuts a body that trickles (each byte within the idle bound) at the whole-body bound', async () => {
    const trickle = Array.from({ length: 40 }, () => ({ delayMs: IDLE_MS / 2, data: ' ' }));
    const answer = await rawRequest(port, patchMe(100), trickle);
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(TOTAL_MS - 50);
    expect(answer.elapsedMs).toBeLessThan(TOTAL_MS + 1000);
  });

  it('lets a slow body that keeps within both bounds through', async () => {
    const body = '{"grant_type":"nope"}';
    const chunks = [...body].map((data) => ({ delayMs: 20, data }));
    const answer = await rawRequest(
      port,
      `POST /v1/auth/token HTTP/1.1\r\nhost: x\r\nconnection: close\r\n` +
        `content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
      chunks,
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('32 sockets announcing full bodies and going quiet lock nobody out, their own clients included', async () => {
    // 32 bodies of the largest size announced from 8 addresses: 4 times the instance's budget and
    // 4 bodies per address (a client's share is one), each with one byte sent.
    await Promise.all(Array.from({ length: 32 }, (_, i) => hold(`203.0.113.${10 + (i % 8)}`, 1)));
    expect((await token('198.51.100.7')).body.error).toBe('unsupported_grant_type');
    // Behind one proxy address (the same client as 4 of the quiet sockets).
    expect((await token('203.0.113.10')).body.error).toBe('unsupported_grant_type');
  });

  it('gives one client a share of the budget for the bytes it holds, and the others keep theirs', async () => {
    const first = await hold('203.0.113.9', LIMIT - 1);
    const second = await token('203.0.113.9');
    expect({ status: second.status, error: second.body.error }).toEqual({
      status: 429,
      error: 'temporarily_unavailable',
    });
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect((await token('198.51.100.7')).body.error).toBe('unsupported_grant_type');
    first.destroy();
    await eventually(async () => (await token('203.0.113.9')).status === 400);
  });

  it('bounds the instance: past its budget of bytes held, bodies get 503, reads go on', async () => {
    const held = await Promise.all(
      Array.from({ length: 8 }, (_, i) => hold(`203.0.113.${20 + i}`, LIMIT - 1)),
    );
    const refused = await token('198.51.100.7');
    expect({ status: refused.status, error: refused.body.error }).toEqual({
      status: 503,
      error: 'temporarily_unavailable',
    });
    expect((await request(stack.http).get('/health/live')).status).toBe(200);
    for (const socket of held) socket.destroy();
    await eventually(async () => (await token('198.51.100.7')).status === 400);
  });

  it('reads the rest of a body it refused, then serves the next request on the same connection', async () => {
    await hold('192.0.2.60', LIMIT - 1);
    const rest = 'a'.repeat(4000);
    const answer = await rawRequest(port, patchMe(8000, '192.0.2.60'), [
      { delayMs: 0, data: '{"nickname":"' },
      // Still sending after the 429 arrived: read and dropped, not a reset.
      { delayMs: 200, data: rest },
      { delayMs: 200, data: rest.slice(0, 8000 - 13 - 4000) },
      {
        delayMs: 100,
        data: 'GET /health/live HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n',
      },
    ]);
    expect(answer.status).toBe(429);
    const length = Number(answer.headers['content-length']);
    expect(JSON.parse(answer.body.slice(0, length))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(answer.headers.connection).toBe('keep-alive');
    // The second answer, on the same connection.
    expect(answer.body.slice(length)).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it('closes a connection whose refused body does not end within the linger bound', async () => {
    await hold('192.0.2.61', LIMIT - 1);
    const answer = await rawRequest(port, patchMe(8000, '192.0.2.61'), [
      { delayMs: 0, data: '{"nickname":"' },
    ]);
    expect(answer.status).toBe(429);
    expect(answer.closed).toBe(true);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(LINGER_MS - 50);
    expect(answer.elapsedMs).toBeLessThan(LINGER_MS + 1000);
  });

  it('every one of 30 concurrent 5 MB bodies from a busy client reads its 413 (drained, not reset)', async () => {
    // The client already holds its whole share of the budget.
    await hold('192.0.2.50', LIMIT - 1);
    const big = JSON.stringify({ nickname: 'x'.repeat(5 * 1024 * 1024) });
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(new URL('/v1/me', url), {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.50' },
          body: big,
        }).then(
          async (res) => ({
            status: res.status,
            type: res.headers.get('content-type'),
            code: ((await res.json()) as { code: string }).code,
          }),
          (error: Error & { cause?: { code?: string } }) => ({
            status: 0,
            type: null,
            code: error.cause?.code ?? error.message,
          }),
        ),
      ),
    );
    const expected = { status: 413, type: 'application/problem+json; charset=utf-8' };
    expect(answers).toEqual(answers.map(() => ({ ...expected, code: 'PAYLOAD_TOO_LARGE' })));
  });
});
