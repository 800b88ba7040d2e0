import {
  ConferenceLicense,
  ConferenceSession,
  ConferenceSessionStatus,
  ConferenceUsage,
  ConferenceUsageRange,
  ConferenceUsageRow,
} from './interwater.models';
import {
  InterwaterLicenseVendor,
  InterwaterSessionVendor,
  InterwaterUsageQueryVendor,
  InterwaterUsageRowVendor,
  InterwaterUsageVendor,
} from './vendor/interwater.vendor';

/** Interwater answered 2xx with a `data` the gateway cannot read; the client makes it a 502. */
export class InterwaterShapeError extends Error {
  override name = 'InterwaterShapeError';
}

const SESSION_STATUSES: readonly ConferenceSessionStatus[] = ['WAIT', 'ON_GOING'];

/** `2021-02-22T12:39:26.000Z`, `...+09:00`, or without a zone (then read as UTC). */
const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InterwaterShapeError(`${what} is not an object`);
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new InterwaterShapeError(`${what} is not a non-empty string`);
  }
  return value;
}

function count(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InterwaterShapeError(`${what} is not a non-negative integer`);
  }
  return value;
}

/** Interwater's 0/1 (or a boolean) as a boolean; anything else is unreadable. */
export function toEnabled(value: unknown): boolean {
  if (value === 1 || value === true) return true;
  if (value === 0 || value === false) return false;
  throw new InterwaterShapeError('enabled is neither 0 nor 1');
}

/**
 * An Interwater timestamp as ISO 8601 in UTC (`...Z`, with milliseconds). The seed's carry `Z`;
 * one without a zone is read as UTC (Interwater documents none; its examples are all UTC).
 */
export function toTimestamp(value: unknown, what = 'createdAt'): string {
  const match = typeof value === 'string' ? TIMESTAMP.exec(value.trim()) : null;
  if (!match) throw new InterwaterShapeError(`${what} is not an ISO 8601 timestamp`);
  const [, date, time, zone] = match;
  const parsed = Date.parse(`${date}T${time}${zone ?? 'Z'}`);
  if (Number.isNaN(parsed)) throw new InterwaterShapeError(`${what} is not a real time`);
  return new Date(parsed).toISOString();
}

export function toConferenceLicense(data: unknown): ConferenceLicense {
  const license = record(data, 'data') as Partial<Record<keyof InterwaterLicenseVendor, unknown>>;
  return {
    domain: text(license.domain, 'domain'),
    roomLimit: count(license.roomLimit, 'roomLimit'),
    enabled: toEnabled(license.enabled),
    createdAt: toTimestamp(license.createdAt),
  };
}

export function toConferenceSession(data: unknown, what = 'data'): ConferenceSession {
  const session = record(data, what) as Partial<Record<keyof InterwaterSessionVendor, unknown>>;
  const status = session.status;
  if (!SESSION_STATUSES.includes(status as ConferenceSessionStatus)) {
    throw new InterwaterShapeError(`${what}.status is neither WAIT nor ON_GOING`);
  }
  return {
    roomName: text(session.roomName, `${what}.roomName`),
    status: status as ConferenceSessionStatus,
    user: count(session.user, `${what}.user`),
  };
}

export function toConferenceSessions(data: unknown): ConferenceSession[] {
  if (!Array.isArray(data)) throw new InterwaterShapeError('data is not a list');
  return data.map((item, index) => toConferenceSession(item, `data[${index}]`));
}

function toUsageRow(data: unknown, what: string): ConferenceUsageRow {
  const row = record(data, what) as Partial<Record<keyof InterwaterUsageRowVendor, unknown>>;
  return {
    roomName: text(row.roomName, `${what}.roomName`),
    sessionTimeSecond: count(row.sessionTimeSecond, `${what}.sessionTimeSecond`),
    createdAt: toTimestamp(row.createdAt, `${what}.createdAt`),
  };
}

export function toConferenceUsage(data: unknown): ConferenceUsage {
  const usage = record(data, 'data') as Partial<Record<keyof InterwaterUsageVendor, unknown>>;
  if (!Array.isArray(usage.detail)) throw new InterwaterShapeError('detail is not a list');
  return {
    domain: text(usage.domain, 'domain'),
    totalSecond: count(usage.totalSecond, 'totalSecond'),
    detail: usage.detail.map((row, index) => toUsageRow(row, `detail[${index}]`)),
  };
}

/** The public `from`/`to` as `GET /v1/static`'s `startTime`/`endTime` (no `endTime`: until now). */
export function fromUsageRange(range: ConferenceUsageRange): InterwaterUsageQueryVendor {
  return range.to === undefined
    ? { startTime: range.from }
    : { startTime: range.from, endTime: range.to };
}
