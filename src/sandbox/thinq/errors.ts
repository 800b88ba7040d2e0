/**
 * ThinQ Connect error codes the simulator produces, with the HTTP status LG pairs each with
 * (see docs/sandbox-thinq.md). Names follow LG's own SDK (thinqconnect `ThinQAPIErrorCodes`).
 */
export const THINQ_ERRORS = {
  '1000': { status: 400, name: 'BAD_REQUEST' },
  '1101': { status: 400, name: 'MISSING_PARAMETERS' },
  '1102': { status: 400, name: 'UNACCEPTABLE_PARAMETERS' },
  '1103': { status: 401, name: 'INVALID_TOKEN' },
  '1104': { status: 400, name: 'INVALID_MESSAGE_ID' },
  '1204': { status: 404, name: 'NOT_SUBSCRIBED_EVENT' },
  '1205': { status: 404, name: 'NOT_REGISTERED_DEVICE' },
  '1206': { status: 404, name: 'NOT_SUBSCRIBED_PUSH' },
  '1207': { status: 404, name: 'ALREADY_SUBSCRIBED_PUSH' },
  '1212': { status: 404, name: 'NOT_OWNED_DEVICE' },
  '1214': { status: 404, name: 'NOT_SUBSCRIBABLE_DEVICE' },
  '1216': { status: 400, name: 'INCORRECT_HEADER' },
  '1222': { status: 416, name: 'NOT_CONNECTED_DEVICE' },
  '1225': { status: 400, name: 'DUPLICATE_DEVICE_ID' },
  '1306': { status: 429, name: 'EXCEEDED_API_CALLS' },
  '1314': { status: 429, name: 'EXCEEDED_USER_API_CALLS' },
  '2000': { status: 500, name: 'INTERNAL_SERVER_ERROR' },
  '2207': { status: 400, name: 'INVALID_COMMAND_ERROR' },
  '2301': { status: 400, name: 'COMMAND_NOT_SUPPORTED_IN_REMOTE_OFF' },
  '2302': { status: 400, name: 'COMMAND_NOT_SUPPORTED_IN_STATE' },
  '2303': { status: 400, name: 'COMMAND_NOT_SUPPORTED_IN_ERROR' },
  '2304': { status: 400, name: 'COMMAND_NOT_SUPPORTED_IN_POWER_OFF' },
  '2305': { status: 400, name: 'COMMAND_NOT_SUPPORTED_IN_MODE' },
} as const satisfies Record<string, { status: number; name: string }>;

export type ThinqErrorCode = keyof typeof THINQ_ERRORS;

/** Thrown anywhere in a request; the route wrapper turns it into LG's failure envelope. */
export class ThinqError extends Error {
  readonly status: number;

  constructor(
    readonly code: ThinqErrorCode,
    message: string,
  ) {
    super(message);
    this.status = THINQ_ERRORS[code].status;
  }
}

/** LG's timestamp style: `2020-08-20T01:09:58.224604` (UTC, microseconds, no zone suffix). */
export function thinqTimestamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 23)}000`;
}

export interface ThinqFailureBody {
  messageId: string;
  timestamp: string;
  responseCode: string;
  response: { error: { code: string; message: string } };
}

export function failureBody(error: ThinqError, messageId: string, now: number): ThinqFailureBody {
  return {
    messageId,
    timestamp: thinqTimestamp(now),
    responseCode: error.code,
    response: { error: { code: error.code, message: error.message } },
  };
}
