import { decodeCursor, deviceTag, encodeCursor, MAX_CURSOR_DEVICES } from './event-cursor';
import {
  appendEvent,
  eventsAfter,
  FeedRecord,
  newFeedRecord,
  parseFeedRecord,
} from './feed-record';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function feedWith(count: number, limit: number): FeedRecord {
  let record = appendEvent(
    newFeedRecord(T0),
    'snapshot',
    { timer: { remainMinute: 99 } },
    limit,
    T0,
  ).record;
  for (let i = 1; i < count; i += 1) {
    record = appendEvent(
      record,
      'status',
      { timer: { remainMinute: 99 - i } },
      limit,
      T0 + i,
    ).record;
  }
  return record;
}

describe('a device feed’s history', () => {
  it('numbers events from the creation time on, one after another', () => {
    const first = appendEvent(newFeedRecord(T0), 'snapshot', { a: { x: 1 } }, 10, T0);
    expect(first.event).toEqual({ seq: T0 + 1, type: 'snapshot', data: { a: { x: 1 } } });
    const second = appendEvent(first.record, 'status', { a: { x: 2 } }, 10, T0 + 5);
    expect(second.event.seq).toBe(T0 + 2);
    expect(second.record).toMatchObject({ seq: T0 + 2, floor: T0, at: T0 + 5 });
    expect(second.record.state).toEqual({ a: { x: 2 } });
  });

  it('keeps the last `limit` events; the floor is the newest one dropped', () => {
    const record = feedWith(25, 10);
    expect(record.history).toHaveLength(10);
    expect(record.history[0].seq).toBe(T0 + 16);
    expect(record.floor).toBe(T0 + 15);
    expect(record.state).toEqual({ timer: { remainMinute: 75 } });
  });

  it('gives exactly what a client missed, or nothing when it is up to date', () => {
    const record = feedWith(25, 10);
    expect(eventsAfter(record, T0 + 22)?.map((e) => e.seq)).toEqual([T0 + 23, T0 + 24, T0 + 25]);
    expect(eventsAfter(record, T0 + 15)).toHaveLength(10);
    expect(eventsAfter(record, T0 + 25)).toEqual([]);
  });

  it('a client too far behind, or naming a number this feed never gave, needs a snapshot', () => {
    const record = feedWith(25, 10);
    expect(eventsAfter(record, T0 + 14)).toBeUndefined();
    expect(eventsAfter(record, T0 + 26)).toBeUndefined();
    // A feed that expired and started again later never reuses the old numbers.
    const restarted = feedWith(3, 10);
    const later = appendEvent(newFeedRecord(T0 + 60_000), 'snapshot', {}, 10, T0 + 60_000);
    expect(eventsAfter(later.record, restarted.seq)).toBeUndefined();
  });

  it('device errors keep the last status; a removal drops it', () => {
    const record = feedWith(2, 10);
    const error = { code: 'DEVICE_OFFLINE', status: 409, detail: 'offline' };
    const offline = appendEvent(record, 'device-error', error, 10, T0).record;
    expect(offline).toMatchObject({ state: { timer: { remainMinute: 98 } }, error });
    const back = appendEvent(offline, 'snapshot', { timer: { remainMinute: 90 } }, 10, T0).record;
    expect(back.error).toBeUndefined();
    const removed = appendEvent(back, 'device-removed', {}, 10, T0).record;
    expect(removed.removed).toBe(true);
    expect(removed.state).toBeUndefined();
  });

  it('round-trips through its stored form and refuses anything else', () => {
    const record = feedWith(3, 10);
    expect(parseFeedRecord(JSON.stringify(record))).toEqual(record);
    expect(parseFeedRecord(null)).toBeUndefined();
    expect(parseFeedRecord('not json')).toBeUndefined();
    expect(parseFeedRecord('{"seq":1}')).toBeUndefined();
  });
});

describe('event ids (cursors)', () => {
  it('name each device’s position and read back the same', () => {
    const a = deviceTag('TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435');
    const b = deviceTag('washer');
    expect(a).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(a).not.toBe(b);
    const id = encodeCursor([
      [a, T0 + 7],
      [b, 3],
    ]);
    expect(id).not.toMatch(/[\r\n\0]/);
    expect(decodeCursor(id)).toEqual(
      new Map([
        [a, T0 + 7],
        [b, 3],
      ]),
    );
  });

  it('anything else is no cursor: the stream starts afresh', () => {
    for (const text of [
      undefined,
      '',
      'x',
      'abcdefgh',
      'abcdefgh.',
      'abcdefgh.ZZ',
      '123',
      'a.b,c',
    ]) {
      expect(decodeCursor(text)).toBeUndefined();
    }
    const many = Array.from({ length: MAX_CURSOR_DEVICES + 1 }, (_, i): [string, number] => [
      deviceTag(String(i)),
      i,
    ]);
    expect(decodeCursor(encodeCursor(many))).toBeUndefined();
    expect(decodeCursor(encodeCursor(many.slice(1)))?.size).toBe(MAX_CURSOR_DEVICES);
  });
});
