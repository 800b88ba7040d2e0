/**
 * What the Interwater client hands to the features: the `{status, data}` envelope removed,
 * `enabled` a boolean, timestamps ISO 8601 with an offset. Names stay Interwater's (already
 * camelCase, as the contract says).
 */

export type ConferenceSessionStatus = 'WAIT' | 'ON_GOING';

export interface ConferenceLicense {
  domain: string;
  roomLimit: number;
  enabled: boolean;
  /** ISO 8601 with offset. */
  createdAt: string;
}

export interface ConferenceSession {
  roomName: string;
  status: ConferenceSessionStatus;
  /** Participants in the room now. */
  user: number;
}

export interface ConferenceUsageRow {
  roomName: string;
  sessionTimeSecond: number;
  /** ISO 8601 with offset: when the session started. */
  createdAt: string;
}

export interface ConferenceUsage {
  domain: string;
  totalSecond: number;
  detail: ConferenceUsageRow[];
}

/** `from` and optional `to`, both `YYYY-MM-DD` (already validated). */
export interface ConferenceUsageRange {
  from: string;
  to?: string;
}
