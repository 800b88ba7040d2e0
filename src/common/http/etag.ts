import { hash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Weak entity tag of a JSON answer: the SHA-1 of its text, base64url. Weak (`W/`), because the
 * same answer goes out brotli, gzip or plain (a strong tag would have to differ per encoding), and
 * because a cached answer's tag is computed from the value once, when it is stored, not from the
 * bytes on the wire. `If-None-Match` uses the weak comparison anyway (RFC 9110 13.1.2), so a weak
 * tag loses nothing for revalidation. SHA-1 for speed, not secrecy: it only has to change when
 * the answer does.
 */
export function weakETag(json: string): string {
  return `W/"${hash('sha1', json, 'base64url')}"`;
}

/** RFC 9110 13.1.2: `*`, or any listed tag equal to ours under the weak comparison. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/**
 * ETag and 304 for one answer about to be sent: the payload to send (null for a 304 to a GET).
 * For a successful GET (or HEAD) that answers JSON. A route that already set an ETag (a cached
 * answer carries the one computed when it was stored) is not hashed again; other answers are
 * hashed once, as they are sent. A matching `If-None-Match` turns the answer into a 304 without a
 * body; the other headers (x-cache, age, cache-control) stay. Must run before compression: it
 * needs the text, not the compressed stream.
 */
export function applyETag(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  if (reply.statusCode !== 200 || (request.method !== 'GET' && request.method !== 'HEAD')) {
    return payload;
  }
  let etag = reply.getHeader('etag');
  if (typeof etag !== 'string') {
    if (typeof payload !== 'string') return payload;
    etag = weakETag(payload);
    void reply.header('etag', etag);
  }
  if (!ifNoneMatchHits(request.headers['if-none-match'], etag)) return payload;
  void reply.code(304);
  reply.removeHeader('content-type');
  // HEAD: Fastify's own HEAD hook measures the payload and drops it (a 304 may state the
  // length the 200 would have had); GET: no body.
  if (request.method === 'HEAD') return payload;
  reply.removeHeader('content-length');
  return null;
}

/**
 * applyETag as an onSend hook of its own, on every route except `skipRoutes` (probes). The gateway
 * calls applyETag from its one onSend hook instead (src/http/request-hooks.ts).
 */
export function registerETags(fastify: FastifyInstance, skipRoutes: ReadonlySet<string>): void {
  fastify.addHook(
    'onSend',
    (
      request: FastifyRequest,
      reply: FastifyReply,
      payload: unknown,
      done: (err: null, value: unknown) => void,
    ) => {
      if (skipRoutes.has(request.routeOptions.url ?? '')) return done(null, payload);
      done(null, applyETag(request, reply, payload));
    },
  );
}
