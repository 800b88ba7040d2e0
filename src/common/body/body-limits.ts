import { Transform, TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { parse as parseQueryString } from 'fast-querystring';
import { ErrorCode } from '../problem/error-code';
import { ProblemException } from '../problem/problem.exception';

/**
 * What one request body may cost, whatever its size under GATEWAY_BODY_LIMIT_BYTES. No body of the
 * API comes near these: the deepest nests 3 levels, the largest has a dozen members, the longest
 * string field is 10,000 characters (60,000 as sent if every one is a `\uXXXX` escape).
 */
export const BODY_LIMITS = {
  /** Objects and arrays inside each other. */
  maxDepth: 32,
  /** Object members and array items, counted over the whole body (form: parameters). */
  maxMembers: 1000,
  /** Characters of one string (form: one value) as sent, escapes included. */
  maxStringLength: 65_536,
} as const;

export type BodyLimits = { [K in keyof typeof BODY_LIMITS]: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const count = (n: number) => n.toLocaleString('en-US');

/** Index of the quote that closes the string opened at `open` (text.length when unterminated). */
function stringEnd(text: string, open: number): number {
  let at = open + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return text.length;
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === BACKSLASH) slashes += 1;
    if (slashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/**
 * Why this JSON text exceeds `limits`, or undefined. One pass over the raw text, before JSON.parse
 * builds anything: the parse of a 100,000-deep array took 0.5 s of event loop, and the objects it
 * built overflowed the stack of the validation pipe (a 500). Written by hand because JSON.parse has
 * no limits and no maintained npm package checks them before parsing (secure-json-parse, which
 * Fastify uses, only guards against prototype poisoning). It does not validate the text: whatever
 * is malformed goes on to JSON.parse, which refuses it. Linear time, constant memory.
 */
export function jsonLimitExceeded(
  text: string,
  limits: BodyLimits = BODY_LIMITS,
): string | undefined {
  let depth = 0;
  let members = 0;
  // Just after `{` or `[`: the next token, unless it closes the container, is its first member;
  // every comma after that adds one.
  let opened = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (opened) {
      opened = false;
      if (c !== CLOSE_OBJECT && c !== CLOSE_ARRAY) members += 1;
    }
    switch (c) {
      case QUOTE: {
        const end = stringEnd(text, i);
        if (end - i - 1 > limits.maxStringLength) {
          return `has a string longer than ${count(limits.maxStringLength)} characters`;
        }
        i = end;
        break;
      }
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        depth += 1;
        if (depth > limits.maxDepth) return `nests deeper than ${count(limits.maxDepth)} levels`;
        opened = true;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        depth -= 1;
        break;
      case COMMA:
        if (depth > 0) members += 1;
        break;
      default:
        break;
    }
    if (members > limits.maxMembers) {
      return `has more than ${count(limits.maxMembers)} members (object keys and array items)`;
    }
  }
  return undefined;
}

/** Why this form body exceeds `limits`, or undefined (forms are flat: no depth to check). */
export function formLimitExceeded(
  text: string,
  limits: BodyLimits = BODY_LIMITS,
): string | undefined {
  let pairs = 1;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
    pairs += 1;
    if (pairs > limits.maxMembers) {
      return `has more than ${count(limits.maxMembers)} parameters`;
    }
  }
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('&', start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > limits.maxStringLength) {
      return `has a parameter longer than ${count(limits.maxStringLength)} characters`;
    }
    start = stop + 1;
  }
  return undefined;
}

function refused(reason: string): ProblemException {
  return new ProblemException(ErrorCode.MALFORMED_BODY, {
    detail: `The request body ${reason}, more than the gateway accepts.`,
    errors: [{ field: 'body', message: reason }],
  });
}

/**
 * The bytes of request bodies in flight, for the whole process and per client. A body holds the
 * bytes it has actually sent, from their arrival until its response is finished (or its connection
 * gone): bodies sent slowly or waiting on a slow upstream otherwise cost memory that grows with the
 * number of connections (200 slow 1 MB bodies crashed a gateway whose heap was capped at 128 MB).
 * What a body only announces costs nothing: 32 sockets announcing 1 MiB each and sending a byte
 * once filled a budget counted by Content-Length and locked every client out of every body. A
 * client (by IP, GATEWAY_TRUST_PROXY_HOPS-aware) may hold an eighth of the budget, and at least one
 * body of the largest size.
 */
export class BodyBudget {
  private inFlight = 0;
  private readonly byClient = new Map<string, number>();
  readonly perClientBytes: number;

  constructor(
    readonly totalBytes: number,
    bodyLimitBytes: number,
  ) {
    this.perClientBytes = Math.max(bodyLimitBytes, Math.floor(totalBytes / 8));
  }

  /** Takes `bytes` more for `client`: undefined when taken, else the problem to answer. */
  take(client: string, bytes: number): ProblemException | undefined {
    const mine = this.byClient.get(client) ?? 0;
    if (mine + bytes > this.perClientBytes) {
      return new ProblemException(ErrorCode.RATE_LIMITED, {
        detail: 'Too many request bodies in flight from this client; send the next one later.',
        headers: { 'retry-after': '1' },
      });
    }
    if (this.inFlight + bytes > this.totalBytes) {
      return new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
        detail: 'The gateway is receiving too many request bodies right now; try again shortly.',
        headers: { 'retry-after': '1' },
      });
    }
    this.inFlight += bytes;
    this.byClient.set(client, mine + bytes);
    return undefined;
  }

  /** Gives back `bytes` that `client` took. */
  give(client: string, bytes: number): void {
    if (bytes === 0) return;
    this.inFlight -= bytes;
    const left = (this.byClient.get(client) ?? bytes) - bytes;
    if (left > 0) this.byClient.set(client, left);
    else this.byClient.delete(client);
  }
}

/** How long a request body may take (GATEWAY_BODY_*_MS). */
export interface BodyTimes {
  /** From its headers to its last byte. */
  totalMs: number;
  /** Between two of its bytes (and from the headers to the first). */
  idleMs: number;
  /**
   * After an answer given before the body was read (413, 429, 503, 408 aside): the rest of the body
   * is read and dropped for at most this long before the connection is closed, as nginx's
   * lingering close does, so the client gets to read the answer instead of a reset (EPIPE).
   */
  lingerMs: number;
}

function timedOut(which: 'idle' | 'total', times: BodyTimes): ProblemException {
  const detail =
    which === 'idle'
      ? `The request body stopped arriving: no byte for ${times.idleMs} ms.`
      : `The request body took longer than ${times.totalMs} ms to arrive.`;
  return new ProblemException(ErrorCode.REQUEST_TIMEOUT, {
    detail,
    errors: [{ field: 'body', message: detail }],
    // The body will not come: the connection is of no further use.
    headers: { connection: 'close' },
  });
}

/**
 * Reads a body on behalf of the parser: counts its bytes into the budget as they arrive (a refusal
 * ends the read with the problem) and ends it with a 408 when it stalls or takes too long. One timer
 * a body, moved to the nearer of its two deadlines, and no work per chunk beyond a count and a
 * clock read.
 */
class MeteredBody extends Transform {
  private held = 0;
  private lastByteAt: number;
  private readonly startedAt: number;
  private timer: NodeJS.Timeout;

  constructor(
    private readonly budget: BodyBudget,
    private readonly client: string,
    private readonly times: BodyTimes,
  ) {
    super();
    this.startedAt = Date.now();
    this.lastByteAt = this.startedAt;
    this.timer = setTimeout(() => this.check(), Math.min(times.idleMs, times.totalMs));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.lastByteAt = Date.now();
    const refused = this.budget.take(this.client, chunk.length);
    if (refused) {
      this.stopTimer();
      callback(refused);
      return;
    }
    this.held += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.stopTimer();
    callback();
  }

  private check(): void {
    const now = Date.now();
    const idleEnds = this.lastByteAt + this.times.idleMs;
    const totalEnds = this.startedAt + this.times.totalMs;
    if (now >= idleEnds || now >= totalEnds) {
      this.destroy(timedOut(now >= idleEnds ? 'idle' : 'total', this.times));
      return;
    }
    this.timer = setTimeout(() => this.check(), Math.min(idleEnds, totalEnds) - now);
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
  }

  /** The request is over (answered, or its connection gone): the bytes go back to the budget. */
  release(): void {
    this.stopTimer();
    this.budget.give(this.client, this.held);
    this.held = 0;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stopTimer();
    callback(error);
  }
}

/**
 * After the answer, a body still arriving is read and dropped (Node does so on a kept-alive
 * connection), for at most `lingerMs`; then the connection is closed.
 */
function lingerAfterAnswer(request: FastifyRequest, lingerMs: number): void {
  const raw = request.raw;
  if (raw.complete || raw.destroyed) return;
  const socket = raw.socket;
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  const stop = () => clearTimeout(timer);
  raw.once('end', stop);
  socket.once('close', stop);
  raw.resume();
}

/**
 * Every request with a body is read through a MeteredBody (budget and times), and its budget given
 * back when its response has gone; a body declared over the route's limit is left to Fastify's 413,
 * before any byte is read. An answer given before its body was read lingers (BodyTimes.lingerMs).
 */
export function registerBodyBudget(
  fastify: FastifyInstance,
  budget: BodyBudget,
  times: BodyTimes,
): void {
  fastify.addHook(
    'preParsing',
    (
      request: FastifyRequest,
      reply: FastifyReply,
      payload: RequestPayload,
      done: (err: Error | null, body?: RequestPayload) => void,
    ) => {
      const { headers } = request;
      const length = Number(headers['content-length']);
      const chunked = headers['transfer-encoding'] !== undefined;
      if (!chunked && !(length > 0)) {
        done(null, payload);
        return;
      }
      reply.raw.once('finish', () => lingerAfterAnswer(request, times.lingerMs));
      // A declared length over the limit is Fastify's 413, before any byte is read.
      if (!chunked && length > request.routeOptions.bodyLimit) {
        done(null, payload);
        return;
      }
      const metered = new MeteredBody(budget, request.ip, times);
      reply.raw.once('close', () => metered.release());
      payload.pipe(metered);
      done(null, metered);
    },
  );
  // Fastify closes the connection after any body it could not take ("the client may send more
  // data"); closing on a client still sending makes it fail writing (EPIPE) before it reads the
  // answer. Node reads the rest of the body itself on a kept-alive connection, and lingerAfterAnswer
  // bounds how long; only a body that stopped (408) ends the connection at once.
  fastify.addHook('onError', (request, reply, error, done) => {
    if (
      !request.raw.complete &&
      reply.getHeader('connection') === 'close' &&
      !(error instanceof ProblemException && error.code === ErrorCode.REQUEST_TIMEOUT)
    ) {
      reply.removeHeader('connection');
    }
    done();
  });
}

/**
 * The gateway's only body parsers (Nest's own are switched off): JSON, checked against the limits
 * before Fastify's parser (secure-json-parse, refusing `__proto__` and `constructor.prototype`) runs,
 * and application/x-www-form-urlencoded (the OAuth endpoints), checked before fast-querystring runs.
 * Both read the body as a Buffer (outside the V8 heap) and make a string of it only to parse it.
 * Everything else is 415.
 */
export function registerBodyParsers(
  fastify: FastifyInstance,
  limits: BodyLimits = BODY_LIMITS,
): void {
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: string | Buffer, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      const reason = jsonLimitExceeded(text, limits);
      if (reason) {
        done(refused(reason), undefined);
        return;
      }
      void json(request, text, done);
    },
  );
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (_request: FastifyRequest, body: string | Buffer, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      const reason = formLimitExceeded(text, limits);
      if (reason) {
        done(refused(reason), undefined);
        return;
      }
      done(null, parseQueryString(text));
    },
  );
}
