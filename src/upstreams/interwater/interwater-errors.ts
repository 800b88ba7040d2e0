import type { IncomingHttpHeaders } from 'undici/types/header';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';

/** Route labels of the Interwater calls (metrics, logs, the `routes` of error rows). */
export const INTERWATER_ROUTES = {
  info: 'GET /v1/info',
  sessions: 'GET /v1/sessions',
  session: 'GET /v1/sessions/:room_name',
  usage: 'GET /v1/static',
} as const;

const R = INTERWATER_ROUTES;

/** Which answers a row covers: one status, or a whole class. */
export type InterwaterStatusMatch = number | '2xx' | '4xx' | '5xx';

/** What the gateway knows when it maps an error (for the public detail). */
export interface InterwaterErrorContext {
  roomName?: string;
}

export interface InterwaterErrorRow {
  /** Interwater's HTTP status (`2xx`: a success status whose body says `status: false`). */
  status: InterwaterStatusMatch;
  /** Only for these routes; every route when absent. */
  routes?: readonly string[];
  code: ErrorCode;
  /** Overrides the code's HTTP status from the ErrorCode table. */
  httpStatus?: number;
  detail: (context: InterwaterErrorContext) => string;
  /** Why the row is what it is, for readers and the row-by-row spec. */
  why: string;
}

const GATEWAY_CREDENTIAL =
  'Interwater refused the gateway\u2019s own credential, even after fetching a new one. ' +
  'This is a gateway-side problem, not something the caller can fix.';

/**
 * Interwater's errors, first match wins. Its error bodies are undocumented (upstreams.md):
 * `{status: false, message?}` with a 4xx or 5xx, 401 for a missing, invalid or expired JWT.
 * The gateway validates its own input first, so an Interwater 4xx other than an unknown room
 * says something about the gateway's call, and the rest are 502s.
 */
export const INTERWATER_ERROR_TABLE: readonly InterwaterErrorRow[] = [
  {
    status: 404,
    routes: [R.session],
    code: ErrorCode.ROOM_NOT_FOUND,
    detail: ({ roomName }) =>
      roomName === undefined
        ? 'No conference room of that name is in session.'
        : `No conference room named ${JSON.stringify(roomName.slice(0, 100))} is in session.`,
    why: 'A room that is not in session (or never existed) is 404 on the single-room route.',
  },
  {
    status: 401,
    code: ErrorCode.UPSTREAM_CREDENTIALS_REJECTED,
    httpStatus: 502,
    detail: () => GATEWAY_CREDENTIAL,
    why: 'The token manager already fetched a new JWT once and retried; a second 401 means the gateway keys or Interwater are wrong.',
  },
  {
    status: 403,
    code: ErrorCode.UPSTREAM_CREDENTIALS_REJECTED,
    httpStatus: 502,
    detail: () => GATEWAY_CREDENTIAL,
    why: 'Undocumented; read as the gateway license lacking a right, again not the caller\u2019s doing.',
  },
  {
    status: 400,
    code: ErrorCode.UPSTREAM_REJECTED_REQUEST,
    detail: () => 'Interwater refused the request.',
    why: 'The only caller input Interwater sees is the usage range, which the gateway validated; Interwater may still be stricter.',
  },
  {
    status: 422,
    code: ErrorCode.UPSTREAM_REJECTED_REQUEST,
    detail: () => 'Interwater refused the request.',
    why: 'As 400.',
  },
  ...([413, 414, 431] as const).map((status): InterwaterErrorRow => ({
    status,
    code: ErrorCode.UPSTREAM_REJECTED_REQUEST,
    detail: () => 'Interwater refused the request as too large.',
    why: 'What the request carried (a room name in the path, the usage range) was too long for Interwater: never its failure.',
  })),
  {
    status: 429,
    code: ErrorCode.UPSTREAM_RATE_LIMITED,
    detail: () => 'Interwater is rate limiting the gateway; try again later.',
    why: 'Undocumented, but a rate limit is a 429 to the caller too (Retry-After passed on).',
  },
  {
    status: '5xx',
    code: ErrorCode.UPSTREAM_ERROR,
    detail: () => 'Interwater failed.',
    why: 'Interwater\u2019s own failure.',
  },
  {
    status: '2xx',
    code: ErrorCode.UPSTREAM_ERROR,
    detail: () => 'Interwater reported a failure.',
    why: 'A success status with `{status: false}`.',
  },
  {
    status: '4xx',
    code: ErrorCode.UPSTREAM_ERROR,
    detail: () => 'Interwater refused the gateway\u2019s call.',
    why: 'Any other 4xx (e.g. 404 on a fixed route: the gateway calls a path Interwater lacks).',
  },
];

function matches(match: InterwaterStatusMatch, status: number): boolean {
  switch (match) {
    case '2xx':
      return status >= 200 && status < 300;
    case '4xx':
      return status >= 400 && status < 500;
    case '5xx':
      return status >= 500 && status < 600;
    default:
      return match === status;
  }
}

/** The row for an answer; undefined for a status no row covers (1xx, 3xx). */
export function findInterwaterErrorRow(
  status: number,
  route: string,
): InterwaterErrorRow | undefined {
  return INTERWATER_ERROR_TABLE.find(
    (row) => matches(row.status, status) && (!row.routes || row.routes.includes(route)),
  );
}

function retryAfter(headers: IncomingHttpHeaders | undefined): Record<string, string> {
  const value = headers?.['retry-after'];
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^\d{1,6}$/.test(text.trim()) ? { 'retry-after': text.trim() } : {};
}

/**
 * An Interwater error answer as the gateway's problem, in the gateway's own words: Interwater's
 * `message` never reaches a response (it goes to the log).
 */
export function interwaterProblem(
  route: string,
  response: { status: number; body: unknown; headers?: IncomingHttpHeaders },
  context: InterwaterErrorContext = {},
): ProblemException {
  const row = findInterwaterErrorRow(response.status, route);
  const upstream = { name: 'interwater', status: response.status };
  if (!row) {
    return new ProblemException(ErrorCode.UPSTREAM_BAD_RESPONSE, {
      detail: `Interwater answered an unexpected HTTP ${response.status}.`,
      upstream,
    });
  }
  const passRetryAfter = row.code === ErrorCode.UPSTREAM_RATE_LIMITED || response.status === 503;
  return new ProblemException(row.code, {
    status: row.httpStatus,
    detail: row.detail(context),
    upstream,
    headers: passRetryAfter ? retryAfter(response.headers) : {},
  });
}
