import {
  fromUsageRange,
  InterwaterShapeError,
  toConferenceLicense,
  toConferenceSession,
  toConferenceSessions,
  toConferenceUsage,
  toEnabled,
  toTimestamp,
} from './interwater.mappers';

describe('Interwater mappers', () => {
  it('maps the seed license: enabled 0/1 as a boolean, createdAt kept as UTC ISO', () => {
    expect(
      toConferenceLicense({
        domain: 'trial',
        roomLimit: 10,
        enabled: 1,
        createdAt: '2020-12-22T15:00:00.000Z',
      }),
    ).toEqual({
      domain: 'trial',
      roomLimit: 10,
      enabled: true,
      createdAt: '2020-12-22T15:00:00.000Z',
    });
    expect(toEnabled(0)).toBe(false);
    expect(toEnabled(true)).toBe(true);
    expect(() => toEnabled(2)).toThrow(InterwaterShapeError);
    expect(() => toEnabled('1')).toThrow(InterwaterShapeError);
  });

  it('normalises timestamps to UTC with an offset; a zone-less one is read as UTC', () => {
    expect(toTimestamp('2021-02-22T12:39:26.000Z')).toBe('2021-02-22T12:39:26.000Z');
    expect(toTimestamp('2021-02-22T21:39:26+09:00')).toBe('2021-02-22T12:39:26.000Z');
    expect(toTimestamp('2021-02-22 12:39:26')).toBe('2021-02-22T12:39:26.000Z');
    for (const bad of [
      '',
      'yesterday',
      '2021-02-22',
      1613997566000,
      null,
      '2021-13-40T99:00:00Z',
    ]) {
      expect(() => toTimestamp(bad)).toThrow(InterwaterShapeError);
    }
  });

  it('maps the seed session list and single room unchanged (names already camelCase)', () => {
    expect(toConferenceSessions([{ status: 'WAIT', user: 1, roomName: 'gfds' }])).toEqual([
      { roomName: 'gfds', status: 'WAIT', user: 1 },
    ]);
    expect(toConferenceSession({ status: 'ON_GOING', user: 2, roomName: 'gsdagd' })).toEqual({
      roomName: 'gsdagd',
      status: 'ON_GOING',
      user: 2,
    });
    expect(toConferenceSessions([])).toEqual([]);
  });

  it('refuses sessions it cannot read, naming the item', () => {
    expect(() => toConferenceSessions({ status: 'WAIT' })).toThrow('data is not a list');
    expect(() =>
      toConferenceSessions([
        { status: 'WAIT', user: 1, roomName: 'a' },
        { status: 'ENDED', user: 1, roomName: 'b' },
      ]),
    ).toThrow('data[1].status');
    expect(() => toConferenceSession({ status: 'WAIT', user: -1, roomName: 'a' })).toThrow('user');
    expect(() => toConferenceSession({ status: 'WAIT', user: 1, roomName: '' })).toThrow(
      'roomName',
    );
    expect(() => toConferenceSession(null)).toThrow(InterwaterShapeError);
  });

  it('maps the seed usage answer', () => {
    const usage = toConferenceUsage({
      domain: 'https://readme.interwater.biz',
      totalSecond: 49951,
      detail: [
        { roomName: 'gsdagd', sessionTimeSecond: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
        { roomName: '12312', sessionTimeSecond: 610, createdAt: '2021-02-21T02:34:52.000Z' },
      ],
    });
    expect(usage).toEqual({
      domain: 'https://readme.interwater.biz',
      totalSecond: 49951,
      detail: [
        { roomName: 'gsdagd', sessionTimeSecond: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
        { roomName: '12312', sessionTimeSecond: 610, createdAt: '2021-02-21T02:34:52.000Z' },
      ],
    });
    expect(() => toConferenceUsage({ domain: 'x', totalSecond: 1 })).toThrow('detail');
    expect(() =>
      toConferenceUsage({
        domain: 'x',
        totalSecond: 1,
        detail: [{ roomName: 'a', sessionTimeSecond: '1', createdAt: '2021-02-22T12:39:26Z' }],
      }),
    ).toThrow('detail[0].sessionTimeSecond');
  });

  it('turns the public range into startTime/endTime, leaving endTime out when open', () => {
    expect(fromUsageRange({ from: '2021-02-20', to: '2021-02-25' })).toEqual({
      startTime: '2021-02-20',
      endTime: '2021-02-25',
    });
    expect(fromUsageRange({ from: '2021-02-20' })).toEqual({ startTime: '2021-02-20' });
  });
});
