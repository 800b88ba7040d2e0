import { staleWarning } from '../../cache/cache-headers';
import type { Cached } from '../../cache/response-cache';
import { ErrorCode } from '../../common/problem/error-code';
import { toProblemException } from '../../common/problem/problem';

export type Source = 'lux' | 'legacy' | 'thinq' | 'interwater';

/** Why one source of an aggregate is missing from the answer. */
export interface SourceError {
  source: Source;
  status: number;
  code: ErrorCode;
  /** Seconds until that source can be asked again, when it said (a spent quota, an open breaker). */
  retryAfterSeconds?: number;
}

/** A source that answered from its cache because it could not be asked (see staleWarning()). */
export interface SourceWarning {
  source: Source;
  code: string;
  detail: string;
  retryAfterSeconds?: number;
  /** Seconds since the source last answered. */
  ageSeconds: number;
}

/**
 * How fresh one source's part of an aggregate is. `live`: fetched from the source for this
 * request. `cached`: the gateway's cached answer, served without asking the source (it was fresh,
 * or is being refreshed in the background). `stale`: the source was asked and could not answer
 * (it failed, refused for a spent call budget, or was slow), so the cached answer stands in;
 * `reason` says why.
 */
export interface SourceFreshness {
  source: Source;
  state: 'live' | 'cached' | 'stale';
  /** Seconds since the source answered what is served. */
  ageSeconds: number;
  /** With `stale`: the problem code that stopped the refresh. */
  reason?: string;
  /** With `stale`, when known: seconds until fresh data can be fetched. */
  retryAfterSeconds?: number;
}

/** The freshness of a part read through the response cache. */
export function freshnessOf(source: Source, cached: Cached<unknown>): SourceFreshness {
  const warning = staleWarning(cached);
  if (warning) {
    return {
      source,
      state: 'stale',
      ageSeconds: cached.ageSeconds,
      reason: warning.code,
      ...(warning.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: warning.retryAfterSeconds }
        : {}),
    };
  }
  return {
    source,
    state: cached.state === 'MISS' ? 'live' : 'cached',
    ageSeconds: cached.ageSeconds,
  };
}

/** The freshness of a part fetched for this request without a cache (the Lux profile). */
export function live(source: Source): SourceFreshness {
  return { source, state: 'live', ageSeconds: 0 };
}

class DeadlineExceeded extends Error {}

/**
 * Runs one source of an aggregate under a deadline. A failure or a late answer becomes a
 * SourceError (the late call keeps running and may still warm its cache); nothing is thrown.
 */
export async function settle<T>(
  source: Source,
  work: () => Promise<T>,
  deadlineMs: number,
): Promise<{ value: T } | { error: SourceError }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), Math.max(0, deadlineMs));
  });
  const running = work();
  running.catch(() => undefined);
  try {
    return { value: await Promise.race([running, deadline]) };
  } catch (error) {
    if (error instanceof DeadlineExceeded) {
      return { error: { source, status: 504, code: ErrorCode.UPSTREAM_TIMEOUT } };
    }
    // As the source would have answered alone (a store outage is 503, a bug 500).
    const problem = toProblemException(error);
    const retryAfter = problem.retryAfterSeconds;
    return {
      error: {
        source,
        status: problem.getStatus(),
        code: problem.code,
        ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
      },
    };
  } finally {
    clearTimeout(timer);
  }
}
