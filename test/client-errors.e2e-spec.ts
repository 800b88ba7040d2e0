import { AddressInfo, connect, Socket } from 'node:net';
import type { Server } from 'node:http';
import { SECURITY_HEADERS } from '../src/common/http/security-headers';
import { startStack, TestStack } from './support/stack';

interface RawAnswer {
  statusLine: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection after the answer. */
  closed: boolean;
}

/** Splits what a raw socket received into status, headers and body. */
function parse(raw: string, closed: boolean): RawAnswer {
  const end = raw.indexOf('\r\n\r\n');
  const head = end >= 0 ? raw.slice(0, end) : raw;
  const [statusLine, ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    statusLine,
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: end >= 0 ? raw.slice(end + 4) : '',
    closed,
  };
}

/** Writes bytes as they are on a fresh connection and reads until the server closes it. */
function raw(port: number, bytes: Buffer | string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close; got ${Buffer.concat(chunks).toString('latin1')}`));
    }, 5000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parse(Buffer.concat(chunks).toString('latin1'), true));
    });
    socket.write(bytes);
  });
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees a request (the fuzzer found these):
 * they get the same problem+json as every other error, with x-request-id and the security
 * headers, as a complete HTTP/1.1 answer, and the connection is closed.
 */
describe('protocol-level errors (Fastify clientErrorHandler)', () => {
  let stack: TestStack;
  let port: number;
  let server: Server;

  beforeAll(async () => {
    stack = await startStack();
    await stack.gateway.app.listen(0, '127.0.0.1');
    server = stack.gateway.app.getHttpServer();
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => stack.close());

  const expectProblemAnswer = (answer: RawAnswer, status: number, code: string) => {
    expect(answer.statusLine).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(answer.headers.connection).toBe('close');
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(answer.headers[name]).toBe(value);
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: `urn:junction:problem:${code.toLowerCase().replace(/_/g, '-')}`,
      status,
      code,
      requestId: answer.headers['x-request-id'],
      title: expect.any(String),
      detail: expect.any(String),
      instance: expect.any(String),
    });
    expect(answer.body).not.toMatch(/Client Error|"statusCode"/);
    expect(answer.closed).toBe(true);
  };

  it('a control byte in a header value is 400 MALFORMED_REQUEST', async () => {
    const answer = await raw(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n');
    expectProblemAnswer(answer, 400, 'MALFORMED_REQUEST');
  });

  it('raw bytes >= 0x80 in the request line are 400 MALFORMED_REQUEST', async () => {
    const line = Buffer.concat([
      Buffer.from('GET /v1/me/'),
      Buffer.from([0xc3, 0xa9, 0xff]),
      Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
    ]);
    expectProblemAnswer(await raw(port, line), 400, 'MALFORMED_REQUEST');
  });

  it('headers over 16 KiB are 431 REQUEST_HEADERS_TOO_LARGE', async () => {
    const answer = await raw(
      port,
      `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`,
    );
    expectProblemAnswer(answer, 431, 'REQUEST_HEADERS_TOO_LARGE');
  });

  it('a head too slow to arrive is 408 REQUEST_TIMEOUT', async () => {
    // Node raises it from a 30 s connection check: the same event, raised on a live socket now.
    const answer = await new Promise<RawAnswer>((resolve) => {
      const chunks: Buffer[] = [];
      server.once('connection', (serverSide: Socket) => {
        setImmediate(() => {
          const error = Object.assign(new Error('Request timeout'), {
            code: 'ERR_HTTP_REQUEST_TIMEOUT',
          });
          server.emit('clientError', error, serverSide);
        });
      });
      const client = connect(port, '127.0.0.1', () =>
        client.write('GET /health/live HTTP/1.1\r\n'),
      );
      client.on('data', (chunk: Buffer) => chunks.push(chunk));
      client.on('close', () => resolve(parse(Buffer.concat(chunks).toString('latin1'), true)));
    });
    expectProblemAnswer(answer, 408, 'REQUEST_TIMEOUT');
  });

  it('a well-formed request on the same server is still answered', async () => {
    const answer = await raw(
      port,
      'GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(200);
  });
});
