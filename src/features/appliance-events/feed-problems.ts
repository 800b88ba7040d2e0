import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { DeviceErrorData } from './feed-record';

export function isQuota(error: unknown): boolean {
  return error instanceof ProblemException && error.code === ErrorCode.UPSTREAM_QUOTA_EXHAUSTED;
}

/** What ThinQ said of the device or account, as opposed to ThinQ failing (5xx, timeouts). */
export function isDefinite(reason: unknown): reason is ProblemException {
  return (
    reason instanceof ProblemException &&
    reason.getStatus() < 500 &&
    reason.code !== ErrorCode.UPSTREAM_QUOTA_EXHAUSTED
  );
}

/** ThinQ no longer takes the account's token: nothing more can be read for it. */
export function endsAccount(problem: ProblemException): boolean {
  return (
    problem.code === ErrorCode.UPSTREAM_LOGIN_REQUIRED ||
    problem.code === ErrorCode.ACCOUNT_NOT_LINKED
  );
}

export function retryAfterOf(problem: unknown): number | undefined {
  return problem instanceof ProblemException ? problem.retryAfterSeconds : undefined;
}

/** A problem as a stream's event data (and as it crosses the message bus). */
export function problemData(problem: ProblemException): DeviceErrorData {
  return { code: problem.code, status: problem.getStatus(), detail: problem.detail };
}

/** The problem back from its event data. */
export function problemOf(data: DeviceErrorData): ProblemException {
  return new ProblemException(data.code as ErrorCode, { detail: data.detail, status: data.status });
}
