import { applyStatus, StatusDocument } from './status-diff';

/** Why a device shows no status: the problem its last poll got (DEVICE_OFFLINE...). */
export interface DeviceErrorData {
  code: string;
  status: number;
  detail: string;
}

/**
 * One numbered event of a device, as its poller published it:
 * - `snapshot`: the whole status (the first one, after an error, or a change no diff can say);
 * - `status`: the changes (status-diff.ts);
 * - `device-error`: the device cannot be read right now (offline...); the last values stand;
 * - `device-removed`: ThinQ no longer has the device on this account;
 * - `notification`: ThinQ pushed a notification of the device (the view does not change).
 */
export type FeedEventType =
  'snapshot' | 'status' | 'device-error' | 'device-removed' | 'notification';

/** Data of `notification`: ThinQ's code (WASHING_IS_COMPLETE...) and when it arrived (ISO). */
export interface NotificationData {
  code: string;
  at: string;
}

export interface FeedEvent {
  seq: number;
  type: FeedEventType;
  data: StatusDocument | DeviceErrorData | NotificationData | Record<string, never>;
}

/** What a device looks like after its events: the status, or why there is none. */
export interface FeedView {
  state?: StatusDocument;
  error?: DeviceErrorData;
  removed?: boolean;
}

/** The account's ThinQ budget as the device's last poll saw it. */
export interface QuotaState {
  exhausted: boolean;
  retryAfterSeconds?: number;
}

/**
 * A device's feed as Redis keeps it (one JSON value, written only by the instance holding the
 * device's poll lease, compare-and-set): the last sequence number, the view after it, and the
 * last events. `floor` is the newest sequence number no longer in `history`: a client that stands
 * at `floor` or later can be given every event it missed; one before it gets a snapshot.
 */
export interface FeedRecord extends FeedView {
  seq: number;
  floor: number;
  /** When the poller last wrote it (epoch ms). */
  at: number;
  quota?: QuotaState;
  history: FeedEvent[];
}

/**
 * A new feed. Its numbers start at the current time in ms, not at 0: a feed that expired and
 * starts again never reuses a number an old client might still hold (it then gets a snapshot).
 */
export function newFeedRecord(now: number): FeedRecord {
  return { seq: now, floor: now, at: now, history: [] };
}

/** The view after one more event. */
export function applyEvent(view: FeedView, event: FeedEvent): FeedView {
  switch (event.type) {
    case 'snapshot':
      return { state: event.data as StatusDocument };
    case 'status':
      return { state: applyStatus(view.state ?? {}, event.data as StatusDocument) };
    case 'device-error':
      return { state: view.state, error: event.data as DeviceErrorData };
    case 'device-removed':
      return { removed: true };
    case 'notification':
      return { state: view.state, error: view.error, removed: view.removed };
  }
}

/** The record with one more event (numbered after the last), keeping at most `limit` of them. */
export function appendEvent(
  record: FeedRecord,
  type: FeedEventType,
  data: FeedEvent['data'],
  limit: number,
  now: number,
): { record: FeedRecord; event: FeedEvent } {
  const event: FeedEvent = { seq: record.seq + 1, type, data };
  const history = [...record.history, event];
  let floor = record.floor;
  while (history.length > Math.max(1, limit)) floor = history.shift()!.seq;
  const view = applyEvent(record, event);
  return {
    record: { ...view, seq: event.seq, floor, at: now, quota: record.quota, history },
    event,
  };
}

/**
 * The events after `seq`, in order, when the record still holds all of them (an empty list when
 * `seq` is the last one); undefined when the client is too far behind (or names a number this
 * feed never gave): it needs a snapshot.
 */
export function eventsAfter(record: FeedRecord, seq: number): FeedEvent[] | undefined {
  if (seq < record.floor || seq > record.seq) return undefined;
  return record.history.filter((event) => event.seq > seq);
}

/** Reads a stored record; undefined when absent or not one. */
export function parseFeedRecord(raw: string | null): FeedRecord | undefined {
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw) as FeedRecord;
    return typeof value?.seq === 'number' &&
      typeof value.floor === 'number' &&
      Array.isArray(value.history)
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}
