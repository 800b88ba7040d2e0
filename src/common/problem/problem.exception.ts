import { HttpException } from '@nestjs/common';
import { ERROR_CODES, ErrorCode } from './error-code';

/** The upstream that caused a problem, as the public sees it (no URL, no credentials). */
export interface UpstreamProblem {
  name: string;
  status?: number;
  code?: string;
  detail?: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ProblemOptions {
  detail?: string;
  status?: number;
  title?: string;
  upstream?: UpstreamProblem;
  errors?: FieldProblem[];
  headers?: Record<string, string>;
  /** Extra members (RFC 9457 extensions), e.g. `provider`. */
  extensions?: Record<string, unknown>;
}

/** The one exception type of the gateway: a code from the table plus what the client needs. */
export class ProblemException extends HttpException {
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly upstream?: UpstreamProblem;
  readonly errors?: FieldProblem[];
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, options: ProblemOptions = {}) {
    const info = ERROR_CODES[code];
    const status = options.status ?? info.status;
    const detail = options.detail ?? info.title;
    super(detail, status);
    this.code = code;
    this.title = options.title ?? info.title;
    this.detail = detail;
    this.upstream = options.upstream;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  /**
   * Its `retry-after` header in seconds, when it has a positive one: the one reading of it for
   * every place that waits on it (the gateway always writes whole seconds).
   */
  get retryAfterSeconds(): number | undefined {
    const seconds = Number(this.headers['retry-after']);
    return Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
  }
}
