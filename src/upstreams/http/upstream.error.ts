import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';

export type UpstreamName = 'nueyne' | 'thinq' | 'interwater';

/**
 * Why an upstream call produced no usable answer. `unsendable`: the gateway could not build or
 * send the request (a value no header or URL can carry, a bug): the gateway's fault, never counted
 * against the upstream's breaker or retries, never reported as the upstream being down.
 */
export type UpstreamFailureKind =
  'timeout' | 'connect' | 'bad_response' | 'circuit_open' | 'overloaded' | 'unsendable';

const CODES: Record<UpstreamFailureKind, ErrorCode> = {
  timeout: ErrorCode.UPSTREAM_TIMEOUT,
  connect: ErrorCode.UPSTREAM_UNAVAILABLE,
  bad_response: ErrorCode.UPSTREAM_BAD_RESPONSE,
  circuit_open: ErrorCode.UPSTREAM_UNAVAILABLE,
  overloaded: ErrorCode.UPSTREAM_UNAVAILABLE,
  unsendable: ErrorCode.INTERNAL_ERROR,
};

const PUBLIC_DETAIL: Record<UpstreamFailureKind, string> = {
  timeout: 'did not answer in time',
  connect: 'could not be reached',
  bad_response: 'answered something the gateway cannot read',
  circuit_open: 'is failing; calls are paused for a moment',
  overloaded: 'has too many calls in flight',
  unsendable: 'could not be called: the gateway failed to build the request',
};

/**
 * An upstream call that failed below the HTTP level: no answer, a late answer, or garbage.
 * It is a problem in its own right (503/504/502); `message` is for logs, `detail` for clients.
 */
export class UpstreamError extends ProblemException {
  constructor(
    readonly upstreamName: UpstreamName,
    readonly route: string,
    readonly kind: UpstreamFailureKind,
    message: string,
    retryAfterSeconds?: number,
  ) {
    super(CODES[kind], {
      detail: `${upstreamName} ${PUBLIC_DETAIL[kind]}.`,
      upstream: { name: upstreamName },
      headers:
        retryAfterSeconds !== undefined
          ? { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) }
          : {},
    });
    this.message = message;
    this.name = 'UpstreamError';
  }
}
