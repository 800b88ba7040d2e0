import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { listenSimulator, type RunningSimulator } from '../src/sandbox/simulator';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { SandboxCa } from '../src/sandbox/thinq/sandbox-ca';
import { createThinqSimulator, type ThinqSimulator } from '../src/sandbox/thinq/thinq-simulator';
import { startMosquitto, thinqSimulatorOn, type MosquittoProcess } from './support/mosquitto';

const AC = THINQ_DEVICE_IDS.airConditioner;
const FRIDGE = THINQ_DEVICE_IDS.refrigerator;
const HOUR = 60 * 60 * 1000;

interface PushMessage {
  pushType: string;
  deviceId: string;
  deviceType?: string;
  report?: Record<string, unknown>;
  pushCode?: string;
}

/** What a ThinQ client holds after the Client API: its key, certificate and topic. */
interface Identity {
  clientId: string;
  keyPem: string;
  certPem: string;
  topic: string;
}

/** ThinQ's HTTP calls as LG's SDK makes them, against a running simulator. */
function thinqApi(baseUrl: string) {
  return async (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    clientId: string,
    body?: unknown,
  ): Promise<{ responseCode: string; response: unknown }> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${THINQ_DEMO_TOKENS.userA}`,
        'x-message-id': randomBytes(16).toString('base64url'),
        'x-service-id': 'junction-sandbox',
        'x-service-key': 'sandbox-service-key',
        'x-country-code': 'KR',
        'x-client-id': clientId,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as { responseCode: string; response: unknown };
  };
}

async function rsaKeys() {
  return webcrypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
}

async function keyPemOf(keys: webcrypto.CryptoKeyPair): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/** Registers a client, makes an RSA key and CSR, and has the simulator sign it. */
async function enrol(baseUrl: string, clientId: string): Promise<Identity> {
  const api = thinqApi(baseUrl);
  const registered = await api('POST', '/v2/client', clientId, {
    type: 'MQTT',
    'service-code': 'SVC202',
    'device-type': '607',
    allowExist: true,
  });
  expect(registered.responseCode).toBe('0000');
  const keys = await rsaKeys();
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=lg_thinq',
    keys,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  });
  const issued = await api('POST', '/v2/client/certificate', clientId, {
    'service-code': 'SVC202',
    csr: Buffer.from(csr.rawData).toString('base64'),
  });
  expect(issued.responseCode).toBe('0000');
  const { result } = issued.response as {
    result: { certificatePem: string; subscriptions: string[] };
  };
  return {
    clientId,
    keyPem: await keyPemOf(keys),
    certPem: result.certificatePem,
    topic: result.subscriptions[0],
  };
}

/** Messages of one MQTT client, awaited one by one (no timers: each waits for the next). */
class Inbox {
  private readonly queue: PushMessage[] = [];
  private waiting: ((message: PushMessage) => void) | undefined;

  attach(client: MqttClient): void {
    client.on('message', (_topic, payload) => {
      const message = JSON.parse(payload.toString()) as PushMessage;
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(message);
      } else {
        this.queue.push(message);
      }
    });
  }

  next(): Promise<PushMessage> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

interface Setup {
  name: string;
  /** Whether the broker answers a subscription it does not allow with SUBACK 0x80. */
  refusesSubscription: boolean;
  start(now: () => number): Promise<{
    simulator: ThinqSimulator;
    url: string;
    caPem: string;
    close(): Promise<void>;
  }>;
}

let mosquitto: MosquittoProcess | undefined;

const setups: Setup[] = [
  {
    name: 'the embedded aedes broker',
    refusesSubscription: true,
    start: async (now) => {
      const running: RunningSimulator = await listenSimulator(createThinqSimulator({ now }));
      const simulator = running.simulator as ThinqSimulator;
      return { simulator, url: running.url, caPem: await simulator.caPem(), close: running.close };
    },
  },
  {
    name: "Debian's mosquitto (require_certificate, per-identity ACL)",
    refusesSubscription: false,
    start: async (now) => {
      mosquitto ??= await startMosquitto();
      const running = await thinqSimulatorOn(mosquitto, { now });
      return { ...running, caPem: mosquitto.ca.certPem };
    },
  },
];

afterAll(async () => {
  await mosquitto?.stop();
});

describe.each(setups)('ThinQ push over mutual TLS: $name', (setup) => {
  let offset = 0;
  let sim: Awaited<ReturnType<Setup['start']>>;
  let api: ReturnType<typeof thinqApi>;
  let mqttServer: string;
  const clients: MqttClient[] = [];

  /** Connects with the listener attached first (a session's queued messages come at once). */
  const connectAs = async (identity: Identity, inbox?: Inbox, extra: IClientOptions = {}) => {
    const client = connect(mqttServer, {
      clientId: identity.clientId,
      key: identity.keyPem,
      cert: identity.certPem,
      ca: sim.caPem,
      clean: false,
      keepalive: 30,
      protocolVersion: 4,
      reconnectPeriod: 0,
      ...extra,
    });
    clients.push(client);
    inbox?.attach(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
      client.once('close', () => reject(new Error('connection closed')));
    });
    return client;
  };

  beforeAll(async () => {
    sim = await setup.start(() => Date.now() + offset);
    api = thinqApi(sim.url);
    const route = await api('GET', '/v2/route', 'route-reader');
    mqttServer = (route.response as { mqttServer: string }).mqttServer;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.endAsync(true)));
    await sim.close();
  });

  it('delivers DEVICE_STATUS for a subscribed device, and what came while the client was away', async () => {
    const identity = await enrol(sim.url, `e2e-status-${randomBytes(4).toString('hex')}`);
    expect(identity.topic).toBe(`app/clients/${identity.clientId}/push`);
    expect(mqttServer).toMatch(/^mqtts:\/\/127\.0\.0\.1:\d+$/);
    const subscribed = await api('POST', `/v2/event/${AC}/subscribe`, identity.clientId, {
      expire: { unit: 'HOUR', timer: 1 },
    });
    expect(subscribed.responseCode).toBe('0000');

    const inbox = new Inbox();
    const first = await connectAs(identity, inbox);
    const granted = await first.subscribeAsync(identity.topic, { qos: 1 });
    expect(granted.map((grant) => grant.qos)).toEqual([1]);

    sim.simulator.patchStatus(AC, { temperature: { targetTemperature: 21 } });
    expect(await inbox.next()).toMatchObject({
      pushType: 'DEVICE_STATUS',
      deviceId: AC,
      deviceType: 'DEVICE_AIR_CONDITIONER',
      report: { temperature: { targetTemperature: 21 } },
    });

    // Away: the persistent session (clean: false) keeps the QoS 1 messages for it.
    await first.endAsync();
    sim.simulator.patchStatus(AC, { temperature: { targetTemperature: 19 } });
    sim.simulator.patchStatus(AC, { powerSave: { powerSaveEnabled: true } });
    await sim.simulator.push.settled();

    const back = new Inbox();
    await connectAs(identity, back);
    expect(await back.next()).toMatchObject({
      report: { temperature: { targetTemperature: 19 } },
    });
    expect(await back.next()).toMatchObject({ report: { powerSave: { powerSaveEnabled: true } } });
  });

  it('an expired event subscription delivers nothing', async () => {
    const identity = await enrol(sim.url, `e2e-expiry-${randomBytes(4).toString('hex')}`);
    await api('POST', `/v2/event/${FRIDGE}/subscribe`, identity.clientId, {
      expire: { unit: 'HOUR', timer: 1 },
    });
    const inbox = new Inbox();
    const client = await connectAs(identity, inbox);
    await client.subscribeAsync(identity.topic, { qos: 1 });

    offset += HOUR;
    sim.simulator.patchStatus(FRIDGE, { refrigeration: { expressMode: true } });
    await api('POST', `/v2/event/${FRIDGE}/subscribe`, identity.clientId, {});
    sim.simulator.patchStatus(FRIDGE, { refrigeration: { freshAirFilter: 'AUTO' } });
    // The first message to arrive is the one after the renewal: the expired one never came.
    expect(await inbox.next()).toMatchObject({
      pushType: 'DEVICE_STATUS',
      deviceId: FRIDGE,
      report: { refrigeration: { freshAirFilter: 'AUTO' } },
    });
  });

  it('lets a client read only its own topic', async () => {
    const [mine, theirs] = await Promise.all([
      enrol(sim.url, `e2e-own-${randomBytes(4).toString('hex')}`),
      enrol(sim.url, `e2e-other-${randomBytes(4).toString('hex')}`),
    ]);
    await api('POST', `/v2/event/${AC}/subscribe`, theirs.clientId, {});
    const inbox = new Inbox();
    const client = await connectAs(mine, inbox);
    // aedes refuses the subscription (SUBACK 0x80, which MQTT.js rejects); mosquitto 2.0
    // grants it for MQTT 3.1.1 but its ACL delivers nothing: either way, nothing of theirs comes.
    const refused = await client.subscribeAsync(theirs.topic, { qos: 1 }).then(
      (grants) => grants.map((grant) => grant.qos),
      (error: Error) => error.message,
    );
    expect(refused).toEqual(setup.refusesSubscription ? 'Subscribe error: Unspecified error' : [1]);
    await client.subscribeAsync(mine.topic, { qos: 1 });
    sim.simulator.patchStatus(AC, { airFlow: { windStrength: 'HIGH' } });
    await api('POST', `/v2/event/${AC}/subscribe`, mine.clientId, {});
    sim.simulator.patchStatus(AC, { airFlow: { windStrength: 'LOW' } });
    // Theirs (HIGH) was published first; what arrives is only mine (LOW).
    expect(await inbox.next()).toMatchObject({ report: { airFlow: { windStrength: 'LOW' } } });
  });

  it('refuses a certificate the CA did not sign', async () => {
    const identity = await enrol(sim.url, `e2e-forged-${randomBytes(4).toString('hex')}`);
    const forger = await SandboxCa.create('Not the sandbox CA');
    const forged = await forger.issueClientPair(identity.clientId);
    await expect(
      connectAs({ ...identity, certPem: forged.certPem, keyPem: forged.keyPem }),
    ).rejects.toThrow();
  });
});

describe('ThinQ push, the embedded broker’s own rules (simulator clock in 2020)', () => {
  let running: RunningSimulator;
  let simulator: ThinqSimulator;
  let mqttServer: string;
  let caPem: string;
  const clients: MqttClient[] = [];

  const open = (identity: Identity, clientId = identity.clientId, inbox?: Inbox) => {
    const client = connect(mqttServer, {
      clientId,
      key: identity.keyPem,
      cert: identity.certPem,
      ca: caPem,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    clients.push(client);
    inbox?.attach(client);
    return new Promise<MqttClient>((resolve, reject) => {
      client.once('connect', () => resolve(client));
      client.once('error', reject);
      client.once('close', () => reject(new Error('connection closed')));
    });
  };

  beforeAll(async () => {
    // A test clock far in the past: the certificates still hold (TLS checks real time).
    const started = Date.now();
    const past = Date.parse('2020-01-01T00:00:00Z');
    running = await listenSimulator(
      createThinqSimulator({ now: () => past + Date.now() - started }),
    );
    simulator = running.simulator as ThinqSimulator;
    caPem = await simulator.caPem();
    mqttServer = simulator.mqttServer;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.endAsync(true)));
    await running.close();
  });

  it('the MQTT client id must be the one the certificate was issued to', async () => {
    const identity = await enrol(running.url, `e2e-id-${randomBytes(4).toString('hex')}`);
    await expect(open(identity, 'someone-else')).rejects.toThrow(/Not authorized/i);
    await expect(open(identity)).resolves.toBeDefined();
  });

  it('an unregistered client’s certificate no longer connects', async () => {
    const identity = await enrol(running.url, `e2e-gone-${randomBytes(4).toString('hex')}`);
    const api = thinqApi(running.url);
    const gone = await api('DELETE', '/v2/client', identity.clientId, {
      type: 'MQTT',
      'service-code': 'SVC202',
    });
    expect(gone.responseCode).toBe('0000');
    await expect(open(identity)).rejects.toThrow(/Not authorized/i);
  });

  it('the certificate-refused knob refuses every connection until it is lifted', async () => {
    const identity = await enrol(running.url, `e2e-refused-${randomBytes(4).toString('hex')}`);
    simulator.setCertificatesRefused(true);
    await expect(open(identity)).rejects.toThrow(/Not authorized/i);
    simulator.setCertificatesRefused(false);
    await expect(open(identity)).resolves.toBeDefined();
  });

  it('the broker-down knob drops connections; back up, the session gets what it missed', async () => {
    const identity = await enrol(running.url, `e2e-down-${randomBytes(4).toString('hex')}`);
    await thinqApi(running.url)('POST', `/v2/event/${AC}/subscribe`, identity.clientId, {});
    const client = await open(identity);
    await client.subscribeAsync(identity.topic, { qos: 1 });
    const closed = new Promise((resolve) => client.once('close', () => resolve(undefined)));
    await simulator.setBrokerDown(true);
    await closed;
    await expect(open(identity)).rejects.toThrow();
    simulator.patchStatus(AC, { operation: { airConOperationMode: 'POWER_OFF' } });
    await simulator.push.settled();
    await simulator.setBrokerDown(false);
    const inbox = new Inbox();
    await open(identity, identity.clientId, inbox);
    expect(await inbox.next()).toMatchObject({
      report: { operation: { airConOperationMode: 'POWER_OFF' } },
    });
  });
});
