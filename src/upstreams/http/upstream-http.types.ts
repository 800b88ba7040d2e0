import type { IncomingHttpHeaders } from 'undici/types/header';
import type { RequestContext } from '../../common/context/request-context';

/*
 * What an upstream call is and what comes back, shared by the HTTP client, its policy and the
 * upstream modules (in a file of its own so that the client and the policy need not import each
 * other).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface UpstreamRequest {
  /** The request this call serves (its id, trace parent and caller go with the call). */
  context: RequestContext;
  method: HttpMethod;
  /** Path built with upstreamPath(), starting with `/`. */
  path: string;
  /** Route label for metrics and logs, e.g. `GET /v2/devices/status/:id`. */
  route: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
  /** application/x-www-form-urlencoded body. */
  form?: Record<string, string>;
  /**
   * May this call be sent again after a connection error, timeout or 502/503/504? Defaults to true
   * for GET; a POST that may have reached the upstream is never retried.
   */
  idempotent?: boolean;
  /**
   * Tells an answer that is the upstream refusing this request's input (the client's to fix),
   * whatever its status: such an answer is handed back as it is, and neither the breakers nor the
   * health check count it as a fault, nor is it retried. Some vendors answer a refusal with a 5xx.
   */
  refusal?: (response: UpstreamResponse) => boolean;
  /** Overrides the client's base URL (ThinQ's regional hosts). */
  baseUrl?: string;
  /** Called before each attempt after the first (ThinQ counts every call against a quota). */
  onRetry?: () => void;
  timeoutMs?: number;
}

export interface UpstreamResponse<T = unknown> {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, a string for non-JSON error bodies, or undefined when empty. */
  body: T;
}

export interface UpstreamTimeoutsConfig {
  connectMs: number;
  totalMs: number;
}
