import { ErrorCode } from '../../../common/problem/error-code';
import { MetricsService } from '../../../metrics/metrics.service';
import { MqttPushSession } from './mqtt-push-session';
import { ThinqPushCredentialStore, ThinqPushCredentials } from './push-credentials';
import { ThinqPushMetrics } from './push-metrics';
import { FakeThinqPushVendor, newTestCa, thinqClientWith } from './push.testing';
import { ThinqPushApi } from './thinq-push.api';

const HOUR = 3_600_000;
const account = { accessToken: 'tok', countryCode: 'KR' };

/**
 * The session's subscriptions, without a broker (watch() needs none): what ThinQ is asked, and
 * when, on a fake clock.
 */
describe('MqttPushSession subscriptions', () => {
  let vendor: FakeThinqPushVendor;
  let sent: ReturnType<typeof thinqClientWith>['sent'];
  let session: MqttPushSession;

  beforeEach(async () => {
    vendor = new FakeThinqPushVendor(await newTestCa(), 'mqtts://127.0.0.1:1', new Set(['ac-1']));
    jest.useFakeTimers();
    const http = thinqClientWith(vendor.handle);
    sent = http.sent;
    const credentials = { clientId: 'junction-c1' } as ThinqPushCredentials;
    session = new MqttPushSession(
      {
        api: new ThinqPushApi(http.client),
        credentials: {} as ThinqPushCredentialStore,
        metrics: new ThinqPushMetrics(new MetricsService()),
        config: () => ({
          enabled: true,
          subscriptionHours: 6,
          keepaliveSeconds: 30,
          reconnectMaxMs: 1000,
        }),
        now: () => Date.now(),
      },
      account,
      { onEvent: () => undefined, onLive: () => undefined },
      credentials,
    );
  });

  afterEach(async () => {
    await session.close();
    jest.useRealTimers();
  });

  const eventSubscribes = () =>
    sent.filter((request) => request.route === 'POST /v2/event/:deviceId/subscribe');

  it('subscribes for the configured hours and renews at nine tenths of them while watched', async () => {
    expect(await session.watch('ac-1')).toBe(true);
    expect(eventSubscribes().map((request) => request.json)).toEqual([
      { expire: { unit: 'HOUR', timer: 6 } },
    ]);
    expect(sent.every((request) => request.headers?.['x-client-id'] === 'junction-c1')).toBe(true);
    await jest.advanceTimersByTimeAsync(5.4 * HOUR - 1);
    expect(eventSubscribes()).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(eventSubscribes()).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(5.4 * HOUR);
    expect(eventSubscribes()).toHaveLength(3);
    // The push subscription has no expiry: subscribed once.
    expect(sent.filter((r) => r.route === 'POST /v2/push/:deviceId/subscribe')).toHaveLength(1);

    await session.unwatch('ac-1');
    await jest.advanceTimersByTimeAsync(24 * HOUR);
    expect(eventSubscribes()).toHaveLength(3);
    expect(vendor.events.size).toBe(0);
  });

  it('answers false, and renews nothing, for a device that is not reportable', async () => {
    expect(await session.watch('washer-2')).toBe(false);
    await jest.advanceTimersByTimeAsync(24 * HOUR);
    expect(eventSubscribes()).toHaveLength(1);
    expect(sent.filter((r) => r.route === 'POST /v2/push/:deviceId/subscribe')).toHaveLength(0);
  });

  it('renews nothing once closed (the vendor subscriptions lapse at their expiry)', async () => {
    await session.watch('ac-1');
    await session.close();
    await jest.advanceTimersByTimeAsync(24 * HOUR);
    expect(eventSubscribes()).toHaveLength(1);
    await expect(session.watch('ac-1')).rejects.toThrow(/closed/);
  });

  it('throws a failure that may pass, so the caller polls and asks again', async () => {
    const down = new ThinqPushApi(
      thinqClientWith(() => ({ status: 503, headers: {}, body: '' })).client,
    );
    const failing = new MqttPushSession(
      {
        api: down,
        credentials: {} as ThinqPushCredentialStore,
        metrics: new ThinqPushMetrics(new MetricsService()),
        config: () => ({
          enabled: true,
          subscriptionHours: 24,
          keepaliveSeconds: 30,
          reconnectMaxMs: 1000,
        }),
        now: () => Date.now(),
      },
      account,
      { onEvent: () => undefined, onLive: () => undefined },
      { clientId: 'junction-c1' } as ThinqPushCredentials,
    );
    await expect(failing.watch('ac-1')).rejects.toMatchObject({
      code: ErrorCode.UPSTREAM_UNAVAILABLE,
    });
    await failing.close();
  });
});
