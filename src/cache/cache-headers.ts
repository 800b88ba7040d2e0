import type { FastifyReply } from 'fastify';
import type { Cached } from './response-cache';

/**
 * Says what the cache did: `x-cache: HIT|MISS|STALE`, `age` (seconds since the upstream answered)
 * and `cache-control: private, max-age=<fresh seconds left>` plus the stale windows the gateway
 * itself honours, so a client cache may do the same. `private`: the answer is per user.
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
    .header('x-cache', cached.state)
    .header('age', String(cached.ageSeconds))
    .header('cache-control', directives.join(', '));
}
