import type { HeaderObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { FastifyReply } from 'fastify';
import { ErrorCode } from '../common/problem/error-code';
import { ProblemException } from '../common/problem/problem.exception';
import type { Cached } from './response-cache';

/** Why a cached value was served instead of a fresh one, in a form a frontend can show. */
export interface StaleWarning {
  /** The problem code the refresh ended with, e.g. UPSTREAM_QUOTA_EXHAUSTED. */
  code: string;
  /** What that means for the user. */
  detail: string;
  /** Seconds until a fresh value can be fetched, when known (a spent quota, an open breaker). */
  retryAfterSeconds?: number;
}

/**
 * The warning of a STALE answer whose refresh failed or is still running; undefined for a fresh
 * answer and for a plain stale-while-revalidate one (its refresh runs as usual).
 */
export function staleWarning(cached: Cached<unknown>): StaleWarning | undefined {
  if (cached.state !== 'STALE' || cached.staleReason === undefined) return undefined;
  const reason = cached.staleReason;
  if (!(reason instanceof ProblemException)) {
    return { code: ErrorCode.UPSTREAM_ERROR, detail: 'The upstream failed.' };
  }
  const retryAfter = reason.retryAfterSeconds;
  return {
    code: reason.code,
    detail: reason.detail,
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/**
 * Whether a request's `Cache-Control` asks for a revalidation (`no-cache`, or `max-age=0`): the
 * aggregates then ask their sources even when the cache holds a fresh answer (ReadOptions).
 */
export function revalidationRequested(cacheControl: string | string[] | undefined): boolean {
  const value = Array.isArray(cacheControl) ? cacheControl.join(',') : (cacheControl ?? '');
  return value
    .split(',')
    .map((directive) => directive.trim().toLowerCase())
    .some((directive) => directive === 'no-cache' || directive === 'max-age=0');
}

/**
 * Says what the cache did: `x-cache: HIT|MISS|STALE`, `age` (seconds since the upstream answered)
 * and `cache-control: private, max-age=<fresh seconds left>` plus the stale windows the gateway
 * itself honours, so a client cache may do the same. `private`: the answer is per user.
 * A STALE answer served because the upstream could not be asked (or did not answer in time) adds
 * `x-stale-reason: <problem code>` and, when known, `retry-after: <seconds until fresh data>`.
 * Also the value's ETag, computed when it was stored, so a hit is not hashed again.
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
  const warning = staleWarning(cached);
  if (warning) {
    void reply.header('x-stale-reason', warning.code);
    if (warning.retryAfterSeconds !== undefined)
      void reply.header('retry-after', String(warning.retryAfterSeconds));
  }
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
  'x-stale-reason': {
    description:
      'Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account\u2019s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer.',
    schema: { type: 'string', example: 'UPSTREAM_QUOTA_EXHAUSTED' },
  },
  'retry-after': {
    description:
      'With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through).',
    schema: { type: 'integer', minimum: 1 },
  },
};
