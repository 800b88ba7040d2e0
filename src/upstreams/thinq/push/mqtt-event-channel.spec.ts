import { UpstreamEndpoints } from '../../http/upstream-endpoints';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connect, MqttClient } from 'mqtt';
import { CredentialVault } from '../../../auth/crypto/credential-vault';
import { Clock } from '../../../common/clock';
import { AppConfig } from '../../../config/app-config';
import { MetricsService } from '../../../metrics/metrics.service';
import { DistributedLock } from '../../../redis/distributed-lock';
import { MemoryKeyValueStore } from '../../../redis/memory-key-value.store';
import { eventually } from '../../../../test/support/eventually';
import { MqttEventChannel } from './mqtt-event-channel';
import { ThinqPushCredentialStore } from './push-credentials';
import { ThinqPushMetrics } from './push-metrics';
import { thinqPushClientId } from './push-identity';
import {
  FakeThinqPushVendor,
  newServerCertificate,
  newTestCa,
  signClientCertificate,
  TestCa,
  thinqClientWith,
} from './push.testing';
import type { ThinqPushEvent, ThinqPushSession } from './thinq-event-channel';
import { ThinqPushApi } from './thinq-push.api';

/**
 * MqttEventChannel against a real MQTT broker (aedes, in its own process: it is ESM-only) on a TLS
 * server that requires a client certificate of the test CA, with ThinQ's HTTP side faked
 * (FakeThinqPushVendor signs the CSR with that CA).
 */
const account = { accessToken: 'tok-push', countryCode: 'KR', owner: 'user-1' };
const clientId = thinqPushClientId(account);
const topic = `app/clients/${clientId}/push`;

let broker: ChildProcess;
let port: number;
let ca: TestCa;
let publisher: MqttClient;

/** A broker process for the test CA; `port` 0 is any free one. */
async function spawnBroker(
  options: { port?: number; maxVersion?: 'TLSv1.2' | 'TLSv1.3' } = {},
): Promise<{ child: ChildProcess; port: number }> {
  const server = await newServerCertificate(ca);
  const script = join(__dirname, '../../../../test/support/aedes-tls-broker.mjs');
  const child = spawn(
    process.execPath,
    [
      script,
      JSON.stringify({ key: server.keyPem, cert: server.certPem, ca: ca.certPem, ...options }),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}`)));
  });
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin?.end();
  await exited;
}

async function startBroker(fixedPort = 0): Promise<void> {
  ({ child: broker, port } = await spawnBroker({ port: fixedPort }));
}

async function stopBroker(): Promise<void> {
  await stopProcess(broker);
}

/** ThinQ's side of the broker: a client of its own with a certificate of the same CA. */
async function connectPublisher(): Promise<void> {
  const own = await signClientCertificate(ca);
  publisher = connect(`mqtts://127.0.0.1:${port}`, {
    clientId: 'thinq-publisher',
    key: own.keyPem,
    cert: own.certPem,
    ca: ca.certPem,
    protocolVersion: 4,
  });
  await new Promise<void>((resolve, reject) => {
    publisher.once('connect', () => resolve());
    publisher.once('error', reject);
  });
}

beforeAll(async () => {
  ca = await newTestCa();
  await startBroker();
  await connectPublisher();
});

afterAll(async () => {
  await publisher?.endAsync();
  await stopBroker();
});

function setup(enabled = true) {
  const vendor = new FakeThinqPushVendor(ca, `mqtts://127.0.0.1:${port}`, new Set(['ac-1']));
  const { client, sent } = thinqClientWith(vendor.handle);
  const store = new MemoryKeyValueStore();
  const config = {
    thinq: {
      push: {
        enabled,
        ca: ca.certPem,
        subscriptionHours: 24,
        keepaliveSeconds: 30,
        reconnectMaxMs: 2000,
      },
    },
    auth: { encryptionKey: randomBytes(32) },
  } as unknown as AppConfig;
  const api = new ThinqPushApi(client);
  const metrics = new MetricsService();
  const credentials = new ThinqPushCredentialStore(
    api,
    store,
    new CredentialVault(config),
    new DistributedLock(store),
    new Clock(),
  );
  const channel = new MqttEventChannel(
    config,
    api,
    credentials,
    new ThinqPushMetrics(metrics),
    new Clock(),
    new UpstreamEndpoints('http://n', 'http://i', 'http://thinq', {
      nueyne: false,
      thinq: false,
      interwater: false,
    }),
  );
  return { vendor, sent, channel, metrics };
}

function listener() {
  const events: ThinqPushEvent[] = [];
  const live: boolean[] = [];
  return {
    events,
    live,
    onEvent: (event: ThinqPushEvent) => events.push(event),
    onLive: (value: boolean) => live.push(value),
  };
}

const publish = (message: unknown) =>
  publisher.publishAsync(topic, typeof message === 'string' ? message : JSON.stringify(message), {
    qos: 1,
  });

async function metric(metrics: MetricsService, name: string, labels: string): Promise<number> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((row) => row.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('MqttEventChannel (aedes over mutual TLS)', () => {
  let session: ThinqPushSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('connects with the client certificate and turns DEVICE_STATUS into a status event', async () => {
    const { channel, metrics } = setup();
    const heard = listener();
    session = await channel.open(account, heard);
    expect(session.live).toBe(true);
    expect(heard.live).toEqual([true]);
    expect(await metric(metrics, 'junction_thinq_push_sessions', 'state="connected"')).toBe(1);

    await publish({
      pushType: 'DEVICE_STATUS',
      deviceId: 'ac-1',
      deviceType: 'DEVICE_AIR_CONDITIONER',
      report: { temperature: { targetTemperature: 21 } },
    });
    await publish('{ not json');
    await publish({ pushType: 'DEVICE_PUSH', deviceId: 'ac-1', pushCode: 'FILTER_CHANGE' });
    await eventually(() => heard.events.length === 2, { timeoutMs: 5000, everyMs: 20 });
    expect(heard.events).toEqual([
      { kind: 'status', deviceId: 'ac-1', status: { temperature: { targetTemperature: 21 } } },
      { kind: 'notification', deviceId: 'ac-1', code: 'FILTER_CHANGE' },
    ]);
    // The malformed one was counted and dropped; the session lives on.
    expect(await metric(metrics, 'junction_thinq_push_messages_total', 'kind="malformed"')).toBe(1);
    expect(await metric(metrics, 'junction_thinq_push_messages_total', 'kind="status"')).toBe(1);
    expect(session.live).toBe(true);

    await session.close();
    expect(heard.live).toEqual([true, false]);
    expect(await metric(metrics, 'junction_thinq_push_sessions', 'state="connected"')).toBe(0);
  });

  it('gets what was published while it was away when it connects again (persistent session)', async () => {
    const { channel, sent } = setup();
    const first = listener();
    session = await channel.open(account, first);
    await session.close();

    await publish({
      pushType: 'DEVICE_STATUS',
      deviceId: 'ac-1',
      report: { power: { on: false } },
    });
    await publish({ pushType: 'DEVICE_ALIAS_CHANGED', deviceId: 'ac-1', alias: 'Den' });

    const second = listener();
    session = await channel.open(account, second);
    await eventually(() => second.events.length === 2, { timeoutMs: 5000, everyMs: 20 });
    expect(second.events).toEqual([
      { kind: 'status', deviceId: 'ac-1', status: { power: { on: false } } },
      { kind: 'deviceRenamed', deviceId: 'ac-1', alias: 'Den' },
    ]);
    expect(first.events).toEqual([]);
    // The same client: registered once.
    expect(sent.filter((r) => r.route === 'POST /v2/client/certificate')).toHaveLength(1);
  });

  it('watches a reportable device (event and push subscriptions) and answers false for another', async () => {
    const { channel, vendor } = setup();
    session = await channel.open(account, listener());
    expect(await session.watch('ac-1')).toBe(true);
    expect(vendor.events.get('ac-1')).toBe(24);
    expect(vendor.pushes.has('ac-1')).toBe(true);
    // Watching again renews: "already subscribed" is no failure.
    expect(await session.watch('ac-1')).toBe(true);
    expect(await session.watch('fridge-not-reportable')).toBe(false);
    await session.unwatch('ac-1');
    expect(vendor.events.has('ac-1')).toBe(false);
    expect(vendor.pushes.has('ac-1')).toBe(false);
    await expect(session.unwatch('ac-1')).resolves.toBeUndefined();
  });

  it('opens nothing when push is off (THINQ_PUSH=off)', async () => {
    const { channel, sent } = setup(false);
    expect(channel.enabled).toBe(false);
    await expect(channel.open(account, listener())).rejects.toThrow(/THINQ_PUSH=off/);
    expect(sent).toEqual([]);
  });

  it('goes offline when the broker stops, and reconnects and subscribes again when it is back', async () => {
    const { channel, sent } = setup();
    const heard = listener();
    session = await channel.open(account, heard);
    await publisher.endAsync();
    await stopBroker();
    await eventually(() => heard.live.length === 2, { timeoutMs: 5000, everyMs: 20 });
    expect(session.live).toBe(false);

    // A new broker on the same port, which knows nothing of the session.
    await startBroker(port);
    await connectPublisher();
    await eventually(() => session!.live, { timeoutMs: 10000, everyMs: 50 });
    expect(heard.live).toEqual([true, false, true]);
    await publish({ pushType: 'DEVICE_UNREGISTERED', deviceId: 'ac-1' });
    await eventually(() => heard.events.length === 1, { timeoutMs: 5000, everyMs: 20 });
    expect(heard.events).toEqual([{ kind: 'deviceRemoved', deviceId: 'ac-1' }]);
    // Reconnecting is no new registration.
    expect(sent.filter((r) => r.route === 'POST /v2/client/certificate')).toHaveLength(1);
  });

  it('registers a new certificate when the broker refuses the one it has', async () => {
    const { channel, vendor, sent, metrics } = setup();
    vendor.signNextWith = await newTestCa('Not Trusted By The Broker');
    const heard = listener();
    session = await channel.open(account, heard);
    expect(session.live).toBe(false);
    await eventually(() => session!.live, { timeoutMs: 10000, everyMs: 50 });
    expect(heard.live).toEqual([true]);
    expect(sent.filter((r) => r.route === 'POST /v2/client/certificate')).toHaveLength(2);
    expect(
      await metric(
        metrics,
        'junction_thinq_push_connection_events_total',
        'event="certificate_refused"',
      ),
    ).toBe(1);
  });

  it('registers a new certificate when a TLS 1.2 broker resets the handshake instead', async () => {
    const tls12 = await spawnBroker({ maxVersion: 'TLSv1.2' });
    try {
      const { channel, vendor, sent, metrics } = setup();
      vendor.mqttServer = `mqtts://127.0.0.1:${tls12.port}`;
      vendor.signNextWith = await newTestCa('Not Trusted By The Broker');
      session = await channel.open(account, listener());
      await eventually(() => session!.live, { timeoutMs: 10000, everyMs: 50 });
      expect(sent.filter((r) => r.route === 'POST /v2/client/certificate')).toHaveLength(2);
      expect(
        await metric(
          metrics,
          'junction_thinq_push_connection_events_total',
          'event="certificate_refused"',
        ),
      ).toBe(1);
      await session.close();
    } finally {
      await stopProcess(tls12.child);
    }
  });
});
