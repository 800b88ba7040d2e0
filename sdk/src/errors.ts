import type { components } from './schema.js';

/** An RFC 9457 problem, as every Junction route but the token endpoint answers its errors. */
export type Problem = components['schemas']['ProblemDto'];
/** Every problem code the gateway answers (docs/errors.md: what each means, what to show). */
export type ErrorCode = components['schemas']['ErrorCode'];
/** An RFC 6749 error of the token and revocation endpoints. */
export type OAuthErrorBody = components['schemas']['OAuthErrorDto'];

/** A Junction answer that is not a success. */
export class JunctionError extends Error {
  constructor(
    message: string,
    /** The HTTP status. */
    readonly status: number,
    /** `x-request-id` of the answer: quote it when reporting a problem. */
    readonly requestId: string | undefined,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A problem+json answer: `code` is the stable machine code to branch on. */
export class ProblemError extends JunctionError {
  /** A union of the documented codes: a misspelt code does not type-check. */
  readonly code: ErrorCode;
  constructor(readonly problem: Problem) {
    super(`${problem.code}: ${problem.detail ?? problem.title}`, problem.status, problem.requestId);
    this.code = problem.code;
  }
}

/** A refusal of the token endpoint (`invalid_grant`, `invalid_client`, ...). */
export class OAuthError extends JunctionError {
  readonly error: string;
  constructor(
    readonly body: OAuthErrorBody,
    status: number,
  ) {
    super(`${body.error}: ${body.error_description}`, status, body.requestId);
    this.error = body.error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The typed error for a failed answer and its parsed body. */
export function errorFrom(response: Response, body: unknown): JunctionError {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const type = response.headers.get('content-type') ?? '';
  if (
    type.startsWith('application/problem+json') &&
    isObject(body) &&
    typeof body.code === 'string'
  )
    return new ProblemError(body as Problem);
  if (isObject(body) && typeof body.error === 'string')
    return new OAuthError(body as OAuthErrorBody, response.status);
  return new JunctionError(
    `HTTP ${response.status} ${response.statusText}`.trim(),
    response.status,
    requestId,
  );
}
