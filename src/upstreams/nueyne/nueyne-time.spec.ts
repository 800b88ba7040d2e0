import {
  formatInZone,
  isIsoDate,
  monthInZone,
  parseTimestamp,
  publicDateToLux,
  publicTimestampToUpstream,
  upstreamDateToPublic,
  upstreamTimestampToPublic,
} from './nueyne-time';

describe('nueyne-time', () => {
  it('reads offset-less upstream timestamps in the configured zone', () => {
    expect(upstreamTimestampToPublic('2025-04-11T15:58:00', 'UTC')).toBe('2025-04-11T15:58:00Z');
    expect(upstreamTimestampToPublic('2025-04-11T15:58:00', 'Asia/Seoul')).toBe(
      '2025-04-11T15:58:00+09:00',
    );
    expect(upstreamTimestampToPublic('2025-04-11 15:58:00', 'Asia/Seoul')).toBe(
      '2025-04-11T15:58:00+09:00',
    );
  });

  it('keeps the instant of timestamps that carry an offset, rendered in the zone', () => {
    expect(upstreamTimestampToPublic('2025-04-14T02:09:21.380000Z', 'UTC')).toBe(
      '2025-04-14T02:09:21.380Z',
    );
    expect(upstreamTimestampToPublic('2025-04-14T02:09:21.380Z', 'Asia/Seoul')).toBe(
      '2025-04-14T11:09:21.380+09:00',
    );
    expect(upstreamTimestampToPublic('2024-11-28T04:19:43.007+09:00', 'UTC')).toBe(
      '2024-11-27T19:19:43.007Z',
    );
  });

  it('handles daylight saving zones', () => {
    expect(upstreamTimestampToPublic('2025-07-01T12:00:00', 'Europe/Berlin')).toBe(
      '2025-07-01T12:00:00+02:00',
    );
    expect(upstreamTimestampToPublic('2025-01-01T12:00:00', 'Europe/Berlin')).toBe(
      '2025-01-01T12:00:00+01:00',
    );
  });

  it('answers null for empty or unreadable timestamps', () => {
    expect(upstreamTimestampToPublic('', 'UTC')).toBeNull();
    expect(upstreamTimestampToPublic(null, 'UTC')).toBeNull();
    expect(upstreamTimestampToPublic('yesterday', 'UTC')).toBeNull();
    expect(upstreamTimestampToPublic('2025-02-30T00:00:00', 'UTC')).toBeNull();
    expect(parseTimestamp('2025-01-01T24:00:00', 'UTC')).toBeUndefined();
  });

  it('sends public timestamps as wall clock of the Nueyne zone with its offset', () => {
    expect(publicTimestampToUpstream('2025-04-14T11:09:21.380+09:00', 'UTC')).toBe(
      '2025-04-14T02:09:21.380Z',
    );
    expect(publicTimestampToUpstream('2025-04-14T02:09:21Z', 'Asia/Seoul')).toBe(
      '2025-04-14T11:09:21+09:00',
    );
    expect(() => publicTimestampToUpstream('nope', 'UTC')).toThrow();
  });

  it('converts dates between yyyymmdd and YYYY-MM-DD', () => {
    expect(upstreamDateToPublic('19970101')).toBe('1997-01-01');
    expect(upstreamDateToPublic('1997-01-01')).toBe('1997-01-01');
    expect(upstreamDateToPublic('')).toBeNull();
    expect(upstreamDateToPublic('string')).toBeNull();
    expect(upstreamDateToPublic('20230230')).toBeNull();
    expect(upstreamDateToPublic(null)).toBeNull();
    expect(publicDateToLux('2001-06-08')).toBe('20010608');
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('20240229')).toBe(false);
  });

  it('formats and finds months in a zone', () => {
    const instant = Date.UTC(2025, 3, 30, 20, 0, 0);
    expect(formatInZone(instant, 'UTC')).toBe('2025-04-30T20:00:00Z');
    expect(monthInZone(instant, 'UTC')).toBe('2025-04');
    expect(monthInZone(instant, 'Asia/Seoul')).toBe('2025-05');
  });
});
