import { createHash } from 'node:crypto';

/** The most devices one cursor (so one stream) follows. */
export const MAX_CURSOR_DEVICES = 64;
const ENTRY = /^([A-Za-z0-9_-]{8})\.([0-9a-z]{1,11})$/;

/** A short, stable name of a device inside event ids (8 base64url characters of a SHA-256). */
export function deviceTag(deviceId: string): string {
  return createHash('sha256').update(deviceId).digest('base64url').slice(0, 8);
}

/**
 * The `id` of every event of a stream: where the stream stands on each of its devices, as
 * `<device tag>.<sequence, base 36>` pairs joined by commas. Each device's events are numbered by
 * its one poller (a sequence kept with the device's history in Redis), so a client that comes
 * back with `Last-Event-ID`, on any instance, is given exactly what it missed on each device,
 * whatever order the devices' events reached it in; a single counter for the whole stream could
 * not say that across instances. About 20 characters per device.
 */
export function encodeCursor(positions: Iterable<readonly [string, number]>): string {
  const parts: string[] = [];
  for (const [tag, seq] of positions) parts.push(`${tag}.${seq.toString(36)}`);
  return parts.join(',');
}

/** The positions a `Last-Event-ID` names; undefined when it is not one of ours (start afresh). */
export function decodeCursor(text: string | undefined): Map<string, number> | undefined {
  if (!text || text.length > MAX_CURSOR_DEVICES * 21) return undefined;
  const positions = new Map<string, number>();
  for (const part of text.split(',')) {
    const match = ENTRY.exec(part);
    if (!match) return undefined;
    const seq = parseInt(match[2], 36);
    if (!Number.isSafeInteger(seq)) return undefined;
    positions.set(match[1], seq);
  }
  return positions.size <= MAX_CURSOR_DEVICES ? positions : undefined;
}
