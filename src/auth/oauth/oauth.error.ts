import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { toProblemException } from '../../common/problem/problem';
import { logUnexpected } from '../../common/problem/send-problem';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type'
  | 'temporarily_unavailable'
  | 'server_error';

/** An RFC 6749 section 5.2 error of the token and revocation endpoints. */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

/**
 * Any error of the token or revocation endpoint in RFC 6749 form. What the gateway raises as a
 * problem there becomes: a request it cannot read (bad JSON, a NUL byte, a body over the limits or
 * too large, a media type other than form or JSON) 400 `invalid_request`, as clients of RFC 6749
 * expect; a rate limit 429 and an unavailable store or upstream 503, both `temporarily_unavailable`
 * with Retry-After; anything unexpected 500 `server_error` (logged, never described).
 */
export function asOAuthError(error: unknown): OAuthError {
  if (error instanceof OAuthError) return error;
  const problem = toProblemException(error);
  const status = problem.getStatus();
  if (status === 429 || status === 503) {
    return new OAuthError('temporarily_unavailable', problem.detail, status, problem.headers);
  }
  if (status >= 500) {
    return new OAuthError('server_error', 'The token service failed; try again later.', 500);
  }
  return new OAuthError('invalid_request', problem.detail, 400, problem.headers);
}

/** The ErrorRenderer of the OAuth endpoints (see send-problem.ts). */
export function sendOAuthError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: Logger,
): void {
  if (!(error instanceof OAuthError))
    logUnexpected(request, toProblemException(error), error, logger);
  const oauth = asOAuthError(error);
  if (reply.sent) return;
  void reply
    .status(oauth.status)
    .headers(oauth.headers)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .header('x-request-id', String(request.id))
    .send(
      JSON.stringify({
        error: oauth.error,
        error_description: oauth.description,
        requestId: String(request.id),
      }),
    );
}
