/**
 * Date and time conversions between Nueyne and the public API. Nueyne writes timestamps without
 * an offset (MySQL wall clock) in a configured zone; the public API speaks ISO 8601 with offsets.
 */

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** The wall clock of `zone` at a whole second, as Intl reads it. */
function measuredWallClock(wholeMs: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(wholeMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    ms: 0,
  };
}

const wallMs = (w: WallClock): number =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);

const HOUR_MS = 3_600_000;
/** Hours held per zone before the memo starts again (a few years of hours). */
const OFFSET_MEMO_MAX = 50_000;
/** By zone, then by hour since the epoch: the zone's offset (ms) through that whole hour. */
const hourOffsets = new Map<string, Map<number, number>>();

const measuredOffsetMs = (wholeMs: number, zone: string): number =>
  wallMs(measuredWallClock(wholeMs, zone)) - wholeMs;

/**
 * The zone's offset from UTC (ms, to the second) at a whole second. Intl.formatToParts costs a
 * few µs and a Nueyne timestamp needs it four times (a log list, dozens of timestamps, spent
 * about a fifth of its CPU there, bench/README.md), so an hour whose first and last seconds have
 * the same offset is remembered as having it throughout (no zone changes its offset twice within
 * an hour); an hour with a transition in it is measured at each second asked.
 */
function offsetMs(wholeMs: number, zone: string): number {
  const hour = Math.floor(wholeMs / HOUR_MS);
  let byHour = hourOffsets.get(zone);
  const known = byHour?.get(hour);
  if (known !== undefined) return known;
  const start = hour * HOUR_MS;
  const first = measuredOffsetMs(start, zone);
  if (measuredOffsetMs(start + HOUR_MS - 1000, zone) !== first) {
    return measuredOffsetMs(wholeMs, zone);
  }
  if (!byHour || byHour.size >= OFFSET_MEMO_MAX) {
    byHour = new Map();
    hourOffsets.set(zone, byHour);
  }
  byHour.set(hour, first);
  return first;
}

function wallClockIn(epochMs: number, zone: string): WallClock {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const wall = new Date(whole + offsetMs(whole, zone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    ms: ((epochMs % 1000) + 1000) % 1000,
  };
}

/** The zone's offset from UTC at that instant, in minutes. */
export function zoneOffsetMinutes(epochMs: number, zone: string): number {
  return Math.round(offsetMs(Math.floor(epochMs / 1000) * 1000, zone) / 60_000);
}

/** The instant a wall clock reading of `zone` stands for (the earlier one in a DST overlap). */
function epochOfWallClock(wall: WallClock, zone: string): number {
  const asUtc = wallMs(wall);
  const first = asUtc - zoneOffsetMinutes(asUtc, zone) * 60_000;
  const second = asUtc - zoneOffsetMinutes(first, zone) * 60_000;
  return Math.min(first, second);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2025-04-11T15:58:00+09:00` (milliseconds only when there are some; `Z` for UTC). */
export function formatInZone(epochMs: number, zone: string): string {
  const wall = wallClockIn(epochMs, zone);
  const fraction = wall.ms ? `.${pad(wall.ms, 3)}` : '';
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
    `T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${fraction}` +
    formatOffset(zoneOffsetMinutes(epochMs, zone))
  );
}

function validCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * Reads an ISO 8601-ish timestamp: with an offset it is that instant, without one it is a wall
 * clock reading of `zone`. Returns epoch milliseconds, or undefined when it is not a timestamp.
 */
export function parseTimestamp(text: string, zone: string): number | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const wall: WallClock = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h ? Number(h) : 0,
    minute: mi ? Number(mi) : 0,
    second: s ? Number(s) : 0,
    ms: fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0,
  };
  if (!validCalendarDate(wall.year, wall.month, wall.day)) return undefined;
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return undefined;
  if (!offset) return epochOfWallClock(wall, zone);
  if (offset.toUpperCase() === 'Z') return wallMs(wall);
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0');
  return wallMs(wall) - sign * minutes * 60_000;
}

/** An upstream timestamp as public ISO 8601 with an offset (rendered in `zone`); null if none. */
export function upstreamTimestampToPublic(
  text: string | null | undefined,
  zone: string,
): string | null {
  if (typeof text !== 'string' || text.trim() === '') return null;
  const epoch = parseTimestamp(text, zone);
  return epoch === undefined ? null : formatInZone(epoch, zone);
}

/**
 * A public timestamp (ISO 8601 with an offset) as Nueyne should store it: the wall clock of
 * `zone`, with that zone's offset, so that Nueyne's offset-less copy reads back as the same instant.
 */
export function publicTimestampToUpstream(text: string, zone: string): string {
  const epoch = parseTimestamp(text, zone);
  if (epoch === undefined) throw new Error(`not a timestamp: ${text}`);
  return formatInZone(epoch, zone);
}

/** Nueyne's `yyyymmdd` (or `yyyy-mm-dd`) as `YYYY-MM-DD`; null when empty or not a date. */
export function upstreamDateToPublic(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return validCalendarDate(year, month, day) ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** `YYYY-MM-DD` as Lux's `yyyymmdd`. */
export function publicDateToLux(date: string): string {
  return date.replace(/-/g, '');
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && validCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The month (`YYYY-MM`) an instant falls in, in `zone`. */
export function monthInZone(epochMs: number, zone: string): string {
  const wall = wallClockIn(epochMs, zone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}`;
}
