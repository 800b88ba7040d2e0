import { HttpException } from '@nestjs/common';
import { StoreUnavailableError } from '../store-unavailable.error';
import { ERROR_CODES, ErrorCode, problemType } from './error-code';
import { FieldProblem, ProblemException, UpstreamProblem } from './problem.exception';

/** The RFC 9457 body the gateway sends. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  upstream?: UpstreamProblem;
  errors?: FieldProblem[];
  errorsOmitted?: number;
  [extension: string]: unknown;
}

export interface ProblemReply {
  body: ProblemBody;
  headers: Record<string, string>;
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  validation?: unknown;
}

const BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.INSUFFICIENT_SCOPE,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/** Turns any error into a problem; unknown errors become a bare 500 with nothing internal in it. */
export function toProblemException(error: unknown): ProblemException {
  if (error instanceof ProblemException) return error;
  if (error instanceof StoreUnavailableError) {
    // Wherever it surfaced (guard, links, sessions, locks): the shared store is away, not a bug.
    return new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
      detail: 'The gateway cannot reach its shared state right now; try again shortly.',
      headers: { 'retry-after': '2' },
    });
  }
  const fastify = error as FastifyLikeError;
  switch (fastify?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ProblemException(ErrorCode.MALFORMED_BODY, {
        detail: 'The body is not valid JSON.',
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemException(ErrorCode.PAYLOAD_TOO_LARGE, {
        detail: 'The request body exceeds the configured limit.',
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return fastify.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, {
            detail:
              'Send application/json (or application/x-www-form-urlencoded where documented).',
          })
        : new ProblemException(ErrorCode.MALFORMED_BODY, {
            detail: 'The content-length does not match the body.',
          });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ProblemException(ErrorCode.VALIDATION_FAILED, {
        status: 414,
        detail: 'A path parameter is longer than the gateway accepts (100 characters).',
      });
    case 'FST_ERR_BAD_URL':
      return new ProblemException(ErrorCode.VALIDATION_FAILED, {
        detail: 'The URL is not valid (bad percent-encoding?).',
      });
    default:
      break;
  }
  if (error instanceof SyntaxError) {
    return new ProblemException(ErrorCode.MALFORMED_BODY, {
      detail: 'The body is not valid JSON.',
    });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = BY_STATUS[status];
    if (code) {
      const detail =
        status === 404 ? 'No route matches this method and path.' : ERROR_CODES[code].title;
      return new ProblemException(code, { status, detail });
    }
  }
  const status = fastify?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && BY_STATUS[status]) {
    return new ProblemException(BY_STATUS[status], { status });
  }
  return new ProblemException(ErrorCode.INTERNAL_ERROR, {
    detail: 'The gateway failed to handle this request. Quote the requestId when reporting it.',
  });
}

/** A problem lists at most this many field errors, and says how many it left out. */
export const MAX_FIELD_ERRORS = 20;
/** Characters of `detail`, at most. */
export const MAX_DETAIL_LENGTH = 500;

function shorten(text: string): string {
  return text.length <= MAX_DETAIL_LENGTH ? text : `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
}

/**
 * The body and headers of a problem. Whatever built it, a problem stays small: at most
 * MAX_FIELD_ERRORS field errors (then `errorsOmitted` counts the rest) and a `detail` of at most
 * MAX_DETAIL_LENGTH characters (a body of 60,000 unknown keys once produced a 6.3 MB answer).
 */
export function renderProblem(
  exception: ProblemException,
  instance: string,
  requestId: string,
): ProblemReply {
  const body: ProblemBody = {
    ...exception.extensions,
    type: problemType(exception.code),
    title: exception.title,
    status: exception.getStatus(),
    detail: shorten(exception.detail),
    instance,
    code: exception.code,
    requestId,
  };
  if (exception.upstream) body.upstream = exception.upstream;
  if (exception.errors) {
    body.errors = exception.errors.slice(0, MAX_FIELD_ERRORS);
    if (exception.errors.length > MAX_FIELD_ERRORS) {
      body.errorsOmitted = exception.errors.length - MAX_FIELD_ERRORS;
    }
  }
  return { body, headers: exception.headers };
}
