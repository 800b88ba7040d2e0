import { ProblemException } from '../common/problem/problem.exception';

/**
 * A refusal of the client side (a spent quota, a login required) is no upstream failure: logged
 * at debug, so a busy client on a spent budget cannot flood the log.
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof ProblemException && error.getStatus() < 500;
}

/**
 * How long an upstream refuses to be asked, when its refusal says so: a 429 with Retry-After (a
 * spent ThinQ call budget, or ThinQ's own quota answer). Such a refusal says nothing against the
 * value already held, and no fresher one can be had before then: the cache keeps serving it.
 */
export function refusedForMs(error: unknown): number | undefined {
  if (!(error instanceof ProblemException) || error.getStatus() !== 429) return undefined;
  const seconds = error.retryAfterSeconds;
  return seconds !== undefined ? seconds * 1000 : undefined;
}
