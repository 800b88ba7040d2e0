import { weakETag } from '../common/http/etag';

/** What the store holds: the value and when it was fetched (epoch ms), or a drop marker. */
export interface CacheEntry {
  v?: unknown;
  /** Fetched at. */
  t: number;
  /** Weak ETag of `v` (absent in entries written before ETags). */
  e?: string;
  /** Set on a tombstone left by invalidate(): loads started before it must not write. */
  x?: true;
}

/** A value just fetched, with its ETag computed once here (not on every hit). */
export function freshEntry(value: unknown, now: number): CacheEntry {
  return { v: value, t: now, e: weakETag(JSON.stringify(value) ?? '') };
}

/** The marker invalidate() leaves in place of a value. */
export function tombstone(now: number): CacheEntry {
  return { t: now, x: true };
}

/** The stored entry; undefined when unreadable (not JSON, or not an entry). */
export function parseEntry(raw: string): CacheEntry | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    return isEntry(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function isTombstone(raw: string): boolean {
  return parseEntry(raw)?.x === true;
}

/** The entry's ETag: the stored one, or computed for entries written before ETags. */
export function etagOf(entry: CacheEntry): string {
  return entry.e ?? weakETag(JSON.stringify(entry.v) ?? '');
}

function isEntry(value: unknown): value is CacheEntry {
  return typeof value === 'object' && value !== null && typeof (value as CacheEntry).t === 'number';
}
