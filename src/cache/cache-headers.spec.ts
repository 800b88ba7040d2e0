import type { FastifyReply } from 'fastify';
import { ErrorCode } from '../common/problem/error-code';
import { ProblemException } from '../common/problem/problem.exception';
import { applyCacheHeaders, revalidationRequested } from './cache-headers';
import { CachePolicy } from './response-cache';

const policy: CachePolicy = {
  name: 'test-status',
  freshMs: 5_000,
  staleWhileRevalidateMs: 10_000,
  staleIfErrorMs: 60_000,
};

describe('applyCacheHeaders', () => {
  const reply = () => {
    const headers: Record<string, string> = {};
    const fake = {
      header(name: string, value: string) {
        headers[name] = value;
        return fake;
      },
    };
    return { fake: fake as unknown as FastifyReply, headers };
  };

  it('says HIT with the age and the fresh seconds left', () => {
    const { fake, headers } = reply();
    applyCacheHeaders(fake, { value: 1, state: 'HIT', ageSeconds: 2, policy, etag: 'W/"e1"' });
    expect(headers).toEqual({
      etag: 'W/"e1"',
      'x-cache': 'HIT',
      age: '2',
      'cache-control': 'private, max-age=3, stale-while-revalidate=10, stale-if-error=60',
    });
  });

  it('says STALE with max-age=0, and no stale directives for a plain policy', () => {
    const { fake, headers } = reply();
    applyCacheHeaders(fake, { value: 1, state: 'STALE', ageSeconds: 9, policy, etag: 'W/"e1"' });
    expect(headers['cache-control']).toBe(
      'private, max-age=0, stale-while-revalidate=10, stale-if-error=60',
    );
    const plain = reply();
    applyCacheHeaders(plain.fake, {
      value: 1,
      state: 'MISS',
      ageSeconds: 0,
      policy: { name: 'p', freshMs: 21_600_000 },
      etag: 'W/"e1"',
    });
    expect(plain.headers['cache-control']).toBe('private, max-age=21600');
    expect(plain.headers['x-cache']).toBe('MISS');
  });

  it('says why a STALE value was served when its refresh failed, with Retry-After when known', () => {
    const { fake, headers } = reply();
    const staleReason = new ProblemException(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED, {
      headers: { 'retry-after': '900' },
    });
    applyCacheHeaders(fake, {
      value: 1,
      state: 'STALE',
      ageSeconds: 40,
      policy,
      staleReason,
      etag: 'W/"x"',
    });
    expect(headers).toMatchObject({
      'x-cache': 'STALE',
      'x-stale-reason': 'UPSTREAM_QUOTA_EXHAUSTED',
      'retry-after': '900',
    });
    // A plain stale-while-revalidate answer says nothing more.
    const swr = reply();
    applyCacheHeaders(swr.fake, { value: 1, state: 'STALE', ageSeconds: 6, policy, etag: 'W/"x"' });
    expect(swr.headers['x-stale-reason']).toBeUndefined();
    expect(swr.headers['retry-after']).toBeUndefined();
  });
});

describe('revalidationRequested', () => {
  it('reads no-cache and max-age=0 among the directives, in any case', () => {
    expect(revalidationRequested('no-cache')).toBe(true);
    expect(revalidationRequested('private, No-Cache')).toBe(true);
    expect(revalidationRequested('max-age=0')).toBe(true);
    expect(revalidationRequested(['private', 'no-cache'])).toBe(true);
    expect(revalidationRequested(undefined)).toBe(false);
    expect(revalidationRequested('max-age=10, no-store')).toBe(false);
    expect(revalidationRequested('no-cache-please')).toBe(false);
  });
});
