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

  describe('against Intl read at every instant (the offsets are remembered per hour)', () => {
    /** The reading without the memo: Intl's wall clock at that second, and its offset. */
    function reference(epochMs: number, zone: string): string {
      const whole = Math.floor(epochMs / 1000) * 1000;
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        })
          .formatToParts(new Date(whole))
          .filter((part) => part.type !== 'literal')
          .map((part) => [part.type, Number(part.value)]),
      ) as Record<string, number>;
      const wall = Date.UTC(
        parts.year,
        parts.month - 1,
        parts.day,
        parts.hour,
        parts.minute,
        parts.second,
      );
      const minutes = Math.round((wall - whole) / 60_000);
      const pad = (value: number, width = 2) => String(value).padStart(width, '0');
      const ms = epochMs - whole;
      const abs = Math.abs(minutes);
      const offset =
        minutes === 0
          ? 'Z'
          : `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
      return (
        `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}T${pad(parts.hour)}:` +
        `${pad(parts.minute)}:${pad(parts.second)}${ms ? `.${pad(ms, 3)}` : ''}${offset}`
      );
    }

    it.each([
      ['America/New_York', '2025-03-08T00:00:00Z'],
      ['America/New_York', '2025-11-01T00:00:00Z'],
      ['Europe/London', '2025-03-29T00:00:00Z'],
      ['Australia/Lord_Howe', '2025-04-05T00:00:00Z'],
      ['Australia/Lord_Howe', '2025-10-04T00:00:00Z'],
      ['Asia/Seoul', '1988-05-07T00:00:00Z'],
      ['Europe/Amsterdam', '1937-06-29T00:00:00Z'],
    ])('%s from %s, over three days', (zone, from) => {
      const start = Date.parse(from);
      for (let t = start; t < start + 3 * 86_400_000; t += 7 * 60_000 + 13_007) {
        const text = reference(t, zone);
        expect(formatInZone(t, zone)).toBe(text);
        expect(parseTimestamp(text, zone)).toBe(t);
      }
    });
  });
});
