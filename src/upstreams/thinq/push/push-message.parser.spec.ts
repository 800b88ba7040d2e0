import { parsePushMessage } from './push-message.parser';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('parsePushMessage', () => {
  it('reads DEVICE_STATUS as a status event with only the report', () => {
    expect(
      parsePushMessage(
        json({
          pushType: 'DEVICE_STATUS',
          deviceId: 'ac-1',
          deviceType: 'DEVICE_AIR_CONDITIONER',
          report: { temperature: { targetTemperature: 22 } },
          userNumber: 'KR2405',
          timestamp: '2024-09-01T06:23:20.866279',
        }),
      ),
    ).toEqual({
      outcome: 'event',
      event: {
        kind: 'status',
        deviceId: 'ac-1',
        status: { temperature: { targetTemperature: 22 } },
      },
    });
  });

  it('reads DEVICE_PUSH as a notification with its code', () => {
    expect(
      parsePushMessage(
        json({ pushType: 'DEVICE_PUSH', deviceId: 'w-1', pushCode: 'WASHING_IS_COMPLETE' }),
      ),
    ).toEqual({
      outcome: 'event',
      event: { kind: 'notification', deviceId: 'w-1', code: 'WASHING_IS_COMPLETE' },
    });
  });

  it('reads the device list messages, with the alias when there is one', () => {
    const of = (pushType: string, extra = {}) =>
      parsePushMessage(json({ pushType, deviceId: 'd', ...extra }));
    expect(of('DEVICE_REGISTERED', { alias: 'Kitchen', modelName: 'M', reportable: true })).toEqual(
      { outcome: 'event', event: { kind: 'deviceAdded', deviceId: 'd', alias: 'Kitchen' } },
    );
    expect(of('DEVICE_UNREGISTERED')).toEqual({
      outcome: 'event',
      event: { kind: 'deviceRemoved', deviceId: 'd' },
    });
    expect(of('DEVICE_ALIAS_CHANGED', { alias: 'Bedroom' })).toEqual({
      outcome: 'event',
      event: { kind: 'deviceRenamed', deviceId: 'd', alias: 'Bedroom' },
    });
  });

  it('ignores a pushType it does not use', () => {
    expect(parsePushMessage(json({ pushType: 'DEVICE_SOMETHING', deviceId: 'd' }))).toEqual({
      outcome: 'ignored',
      pushType: 'DEVICE_SOMETHING',
    });
  });

  it('calls malformed whatever is not such a message, and never throws', () => {
    for (const payload of [
      'not json',
      '',
      '[]',
      'null',
      '"DEVICE_STATUS"',
      JSON.stringify({ deviceId: 'd', report: {} }),
      JSON.stringify({ pushType: 'DEVICE_STATUS', report: {} }),
      JSON.stringify({ pushType: 'DEVICE_STATUS', deviceId: '', report: {} }),
      JSON.stringify({ pushType: 'DEVICE_STATUS', deviceId: 'd' }),
      JSON.stringify({ pushType: 'DEVICE_STATUS', deviceId: 'd', report: [1] }),
      JSON.stringify({ pushType: 'DEVICE_PUSH', deviceId: 'd' }),
      JSON.stringify({ pushType: 'DEVICE_PUSH', deviceId: 7, pushCode: 'X' }),
      Buffer.from([0xff, 0xfe, 0x00]).toString('latin1'),
      JSON.stringify({
        pushType: 'DEVICE_STATUS',
        deviceId: 'd',
        report: { a: 'x'.repeat(300_000) },
      }),
    ]) {
      expect(parsePushMessage(payload)).toEqual({ outcome: 'malformed' });
    }
  });

  it('drops keys that would reach a prototype when the report is merged', () => {
    const parsed = parsePushMessage(
      '{"pushType":"DEVICE_STATUS","deviceId":"d","report":{"__proto__":{"polluted":1},"power":{"on":true}}}',
    );
    expect(parsed).toEqual({
      outcome: 'event',
      event: { kind: 'status', deviceId: 'd', status: { power: { on: true } } },
    });
    expect(Object.keys((parsed as { event: { status: object } }).event.status)).toEqual(['power']);
  });
});
