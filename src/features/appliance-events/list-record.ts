/** Removed devices a list feed remembers, for clients that come back after the removal. */
const REMEMBERED_REMOVALS = 50;

/** What a list feed keeps in Redis. */
export interface ListRecord {
  ids: string[];
  removed: { deviceId: string; at: number }[];
  at: number;
}

/** The stored list record; undefined when there is none or it cannot be read. */
export function parseListRecord(stored: string | null): ListRecord | undefined {
  try {
    return stored ? (JSON.parse(stored) as ListRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The list record after a list poll found `ids`: what disappeared since the last record (or,
 * before any, since what the first watcher saw) is remembered as removed.
 */
export function nextListRecord(
  record: ListRecord | undefined,
  baseline: string[] | undefined,
  ids: string[],
  now: number,
): ListRecord {
  const known = new Set(record?.ids ?? baseline ?? ids);
  const current = new Set(ids);
  const removed = [...known].filter((id) => !current.has(id));
  return {
    ids,
    removed: [
      ...(record?.removed ?? []).filter((entry) => !current.has(entry.deviceId)),
      ...removed.map((deviceId) => ({ deviceId, at: now })),
    ].slice(-REMEMBERED_REMOVALS),
    at: now,
  };
}
