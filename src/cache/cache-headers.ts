import type { HeaderObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { FastifyReply } from 'fastify';
import type { Cached } from './response-cache';

/**
 * Says what the cache did: `x-cache: HIT|MISS|STALE`, `age` (seconds since the upstream answered)
 * and `cache-control: private, max-age=<fresh seconds left>` plus the stale windows the gateway
 * itself honours, so a client cache may do the same. `private`: the answer is per user. Also the
 * value's ETag, computed when it was stored, so a hit is not hashed again.
 */
export function applyCacheHeaders(reply: FastifyReply, cached: Cached<unknown>): void {
  const { policy } = cached;
  const freshSeconds = Math.floor(policy.freshMs / 1000);
  const maxAge = cached.state === 'STALE' ? 0 : Math.max(0, freshSeconds - cached.ageSeconds);
  const directives = ['private', `max-age=${maxAge}`];
  if (policy.staleWhileRevalidateMs) {
    directives.push(`stale-while-revalidate=${Math.ceil(policy.staleWhileRevalidateMs / 1000)}`);
  }
  if (policy.staleIfErrorMs) {
    directives.push(`stale-if-error=${Math.ceil(policy.staleIfErrorMs / 1000)}`);
  }
  void reply
    .header('etag', cached.etag)
    .header('x-cache', cached.state)
    .header('age', String(cached.ageSeconds))
    .header('cache-control', directives.join(', '));
}

/** The OpenAPI declaration of what applyCacheHeaders sends (the ETag is declared for every read). */
export const CACHE_HEADERS: Record<string, HeaderObject> = {
  'x-cache': {
    description:
      'HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed.',
    required: true,
    schema: { type: 'string', enum: ['HIT', 'MISS', 'STALE'] },
  },
  age: {
    description: 'Seconds since the upstream answered.',
    required: true,
    schema: { type: 'integer', minimum: 0 },
  },
  'cache-control': {
    description:
      '`private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them.',
    required: true,
    schema: { type: 'string' },
  },
};
