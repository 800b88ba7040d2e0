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
