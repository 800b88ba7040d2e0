import { randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from './demo-data';
import { createThinqSimulator, ThinqSimulator } from './thinq-simulator';

const AC = THINQ_DEVICE_IDS.airConditioner;
const DRYER = THINQ_DEVICE_IDS.washtowerDryer;
const FRIDGE = THINQ_DEVICE_IDS.refrigerator;
const USER_B_PURIFIER = THINQ_DEVICE_IDS.userBAirPurifier;
const HOUR = 60 * 60 * 1000;
const CLIENT = 'junction-test-client-1';
const CLIENT_BODY = { type: 'MQTT', 'service-code': 'SVC202', 'device-type': '607' };

type Envelope = {
  responseCode: string;
  response: unknown;
};

/** A CSR as LG's SDK sends it: RSA 2048, CN=lg_thinq, base64 DER without PEM armour. */
async function makeCsr(): Promise<{ csr: string; pem: string }> {
  const keys = await webcrypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=lg_thinq',
    keys,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  });
  return { csr: Buffer.from(request.rawData).toString('base64'), pem: request.toString('pem') };
}

describe('ThinQ simulator: Route, Client, Event and Push APIs', () => {
  let clock: number;
  let sim: ThinqSimulator;

  const headers = (more: Record<string, string | undefined> = {}) => {
    const base: Record<string, string> = {
      authorization: `Bearer ${THINQ_DEMO_TOKENS.userA}`,
      'x-message-id': randomBytes(16).toString('base64url'),
      'x-service-id': 'junction-sandbox',
      'x-service-key': 'sandbox-service-key',
      'x-country-code': 'KR',
      'x-client-id': CLIENT,
    };
    for (const [name, value] of Object.entries(more)) {
      if (value === undefined) delete base[name];
      else base[name] = value;
    }
    return base;
  };
  const call = async (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: unknown,
    more: Record<string, string | undefined> = {},
  ) => {
    const res = await sim.app.inject({
      method,
      url,
      headers: headers(more),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.json<Envelope>() };
  };
  const codeOf = (result: { body: Envelope }) => result.body.responseCode;
  const register = () => call('POST', '/v2/client', { ...CLIENT_BODY, allowExist: true });

  beforeEach(() => {
    clock = Date.parse('2024-05-01T00:00:00Z');
    sim = createThinqSimulator({ now: () => clock });
  });

  describe('Route API', () => {
    it('answers the API server and the MQTT broker as mqtts://host:port', async () => {
      const result = await call('GET', '/v2/route', undefined, { 'x-client-id': undefined });
      expect(result.status).toBe(200);
      expect(result.body.response).toEqual({
        apiServer: expect.stringMatching(/^http:\/\//) as unknown,
        mqttServer: expect.stringMatching(/^mqtts:\/\/[^/]+:\d+$/) as unknown,
        webSocketServer: expect.stringMatching(/^wss:\/\/.+\/mqtt$/) as unknown,
      });
    });

    it('needs the common headers and counts against the quota', async () => {
      const before = sim.callsInWindow(THINQ_DEMO_TOKENS.userA);
      await call('GET', '/v2/route');
      expect(sim.callsInWindow(THINQ_DEMO_TOKENS.userA)).toBe(before + 1);
      const bare = await call('GET', '/v2/route', undefined, { authorization: undefined });
      expect([bare.status, codeOf(bare)]).toEqual([400, '1101']);
    });
  });

  describe('Client API', () => {
    it('registers a client once; again only with allowExist', async () => {
      expect(codeOf(await call('POST', '/v2/client', CLIENT_BODY))).toBe('0000');
      const again = await call('POST', '/v2/client', CLIENT_BODY);
      expect([again.status, codeOf(again)]).toEqual([400, '1225']);
      expect(codeOf(await register())).toBe('0000');
    });

    it('refuses a client id another account registered, even with allowExist', async () => {
      await register();
      const other = await call(
        'POST',
        '/v2/client',
        { ...CLIENT_BODY, allowExist: true },
        { authorization: `Bearer ${THINQ_DEMO_TOKENS.userB}` },
      );
      expect(codeOf(other)).toBe('1225');
    });

    it('needs x-client-id (1101) of a usable form (1102)', async () => {
      const none = await call('POST', '/v2/client', CLIENT_BODY, { 'x-client-id': undefined });
      expect([none.status, codeOf(none)]).toEqual([400, '1101']);
      const bad = await call('POST', '/v2/client', CLIENT_BODY, { 'x-client-id': 'a/b#' });
      expect([bad.status, codeOf(bad)]).toEqual([400, '1102']);
    });

    it.each([
      [undefined, '1101'],
      [{ 'service-code': 'SVC202', 'device-type': '607' }, '1101'],
      [{ ...CLIENT_BODY, type: 'HTTP' }, '1102'],
      [{ ...CLIENT_BODY, 'service-code': 'SVC201' }, '1102'],
      [{ ...CLIENT_BODY, 'device-type': 607 }, '1102'],
      [{ ...CLIENT_BODY, allowExist: 'yes' }, '1102'],
      [[CLIENT_BODY], '1102'],
    ])('validates the registration body %j -> %s', async (body, code) => {
      expect(codeOf(await call('POST', '/v2/client', body))).toBe(code);
    });

    it('unregisters (body {type, service-code}); unknown clients answer 1102', async () => {
      const body = { type: 'MQTT', 'service-code': 'SVC202' };
      expect(codeOf(await call('DELETE', '/v2/client', body))).toBe('1102');
      await register();
      expect(codeOf(await call('DELETE', '/v2/client', { type: 'MQTT' }))).toBe('1101');
      expect(codeOf(await call('DELETE', '/v2/client', body))).toBe('0000');
      expect(codeOf(await call('DELETE', '/v2/client', body))).toBe('1102');
    });

    it('signs a CSR sent as base64 DER with the sandbox CA, naming the topic', async () => {
      await register();
      const { csr } = await makeCsr();
      const result = await call('POST', '/v2/client/certificate', {
        'service-code': 'SVC202',
        csr,
      });
      expect(codeOf(result)).toBe('0000');
      const response = result.body.response as {
        resultCode: string;
        result: { certificatePem: string; subscriptions: string[] };
      };
      expect(response.resultCode).toBe('0000');
      expect(response.result.subscriptions).toEqual([`app/clients/${CLIENT}/push`]);
      const cert = new X509Certificate(response.result.certificatePem);
      const ca = new X509Certificate(await sim.caPem());
      expect(cert.verify(ca.publicKey)).toBe(true);
      expect(cert.checkIssued(ca)).toBe(true);
      expect(sim.clients.ownerOfCertificate(cert.serialNumber)).toBe(CLIENT);
    });

    it('refuses a CSR in PEM armour, a tampered one, and one for an unregistered client', async () => {
      const { csr, pem } = await makeCsr();
      const issue = (body: unknown) => call('POST', '/v2/client/certificate', body);
      expect(codeOf(await issue({ 'service-code': 'SVC202', csr }))).toBe('1102');
      await register();
      const armoured = await issue({ 'service-code': 'SVC202', csr: pem });
      expect([armoured.status, codeOf(armoured)]).toEqual([400, '1102']);
      const bytes = Buffer.from(csr, 'base64');
      bytes[bytes.length - 10] ^= 0xff;
      const tampered = await issue({ 'service-code': 'SVC202', csr: bytes.toString('base64') });
      expect(codeOf(tampered)).toBe('1102');
      expect(JSON.stringify(tampered.body)).toContain('signature');
      expect(codeOf(await issue({ 'service-code': 'SVC202', csr: 'AAAA' }))).toBe('1102');
      expect(codeOf(await issue({ 'service-code': 'SVC202' }))).toBe('1101');
      expect(codeOf(await issue({ csr }))).toBe('1101');
    });
  });

  describe('Event API', () => {
    beforeEach(async () => {
      await register();
    });

    it('subscribes a reportable device for one hour by default, lists it, and ends it then', async () => {
      expect(codeOf(await call('POST', `/v2/event/${AC}/subscribe`))).toBe('0000');
      expect((await call('GET', '/v2/event')).body.response).toEqual([{ deviceId: AC }]);
      clock += HOUR - 1;
      expect((await call('GET', '/v2/event')).body.response).toEqual([{ deviceId: AC }]);
      clock += 1;
      expect((await call('GET', '/v2/event')).body.response).toEqual([]);
      expect(codeOf(await call('DELETE', `/v2/event/${AC}/unsubscribe`))).toBe('1204');
    });

    it('renews the expiry when subscribed again', async () => {
      const expire = (timer: number) => ({ expire: { unit: 'HOUR', timer } });
      await call('POST', `/v2/event/${AC}/subscribe`, expire(2));
      clock += 90 * 60 * 1000;
      expect(codeOf(await call('POST', `/v2/event/${AC}/subscribe`, expire(2)))).toBe('0000');
      clock += 90 * 60 * 1000;
      expect((await call('GET', '/v2/event')).body.response).toEqual([{ deviceId: AC }]);
      clock += 31 * 60 * 1000;
      expect((await call('GET', '/v2/event')).body.response).toEqual([]);
    });

    it.each([
      [{ expire: { unit: 'HOUR', timer: 0 } }, '1102'],
      [{ expire: { unit: 'HOUR', timer: 25 } }, '1102'],
      [{ expire: { unit: 'HOUR', timer: 1.5 } }, '1102'],
      [{ expire: { unit: 'HOUR', timer: '2' } }, '1102'],
      [{ expire: { unit: 'DAY', timer: 1 } }, '1102'],
      [{ expire: 'HOUR' }, '1102'],
      [{ expire: { unit: 'HOUR', timer: 24 } }, '0000'],
      [{ expire: { timer: 3 } }, '0000'],
      [{}, '0000'],
    ])('validates the expiry %j -> %s', async (body, code) => {
      expect(codeOf(await call('POST', `/v2/event/${AC}/subscribe`, body))).toBe(code);
    });

    it('refuses a device ThinQ does not report (1214), another account’s (1212), an unknown one (1205)', async () => {
      const b = { authorization: `Bearer ${THINQ_DEMO_TOKENS.userB}`, 'x-client-id': 'client-b' };
      await call('POST', '/v2/client', CLIENT_BODY, b);
      const unreportable = await call('POST', `/v2/event/${USER_B_PURIFIER}/subscribe`, {}, b);
      expect([unreportable.status, codeOf(unreportable)]).toEqual([404, '1214']);
      expect(codeOf(await call('POST', `/v2/event/${USER_B_PURIFIER}/subscribe`))).toBe('1212');
      expect(codeOf(await call('POST', '/v2/event/TQS-NOPE/subscribe'))).toBe('1205');
    });

    it('unsubscribes (1204 when not subscribed); needs a registered client', async () => {
      await call('POST', `/v2/event/${AC}/subscribe`);
      expect(codeOf(await call('DELETE', `/v2/event/${AC}/unsubscribe`))).toBe('0000');
      expect(codeOf(await call('DELETE', `/v2/event/${AC}/unsubscribe`))).toBe('1204');
      const stranger = await call('POST', `/v2/event/${AC}/subscribe`, {}, { 'x-client-id': 'x' });
      expect(codeOf(stranger)).toBe('1102');
    });
  });

  describe('Push API', () => {
    beforeEach(async () => {
      await register();
    });

    it('subscribes once (1207 again), lists, unsubscribes (1206 when not)', async () => {
      expect(codeOf(await call('POST', `/v2/push/${DRYER}/subscribe`))).toBe('0000');
      expect(codeOf(await call('POST', `/v2/push/${DRYER}/subscribe`))).toBe('1207');
      expect((await call('GET', '/v2/push')).body.response).toEqual([{ deviceId: DRYER }]);
      expect(codeOf(await call('DELETE', `/v2/push/${DRYER}/unsubscribe`))).toBe('0000');
      const again = await call('DELETE', `/v2/push/${DRYER}/unsubscribe`);
      expect([again.status, codeOf(again)]).toEqual([404, '1206']);
    });

    it('push/devices: subscribe, list client ids, unsubscribe', async () => {
      expect(codeOf(await call('POST', '/v2/push/devices'))).toBe('0000');
      expect(codeOf(await call('POST', '/v2/push/devices'))).toBe('1207');
      expect((await call('GET', '/v2/push/devices')).body.response).toEqual([CLIENT]);
      expect(codeOf(await call('DELETE', '/v2/push/devices'))).toBe('0000');
      expect(codeOf(await call('DELETE', '/v2/push/devices'))).toBe('1206');
    });
  });

  describe('what is published', () => {
    beforeEach(async () => {
      await register();
    });
    const messages = () => sim.push.sent.map((sent) => sent.message);

    it('DEVICE_STATUS with only what changed, for live event subscriptions only', async () => {
      await call('POST', `/v2/event/${AC}/subscribe`);
      const command = { temperature: { targetTemperature: 22 } };
      expect(codeOf(await call('POST', `/v2/devices/control/${AC}`, command))).toBe('0000');
      sim.patchStatus(FRIDGE, { doorStatus: [{ locationName: 'MAIN', doorState: 'OPEN' }] });
      expect(messages()).toEqual([
        {
          pushType: 'DEVICE_STATUS',
          deviceId: AC,
          deviceType: 'DEVICE_AIR_CONDITIONER',
          report: { temperature: { targetTemperature: 22 } },
          userNumber: 'user-a',
          timestamp: '2024-05-01T00:00:00.000000',
        },
      ]);
      expect(sim.push.sent[0].topic).toBe(`app/clients/${CLIENT}/push`);
      clock += HOUR;
      sim.patchStatus(AC, { powerSave: { powerSaveEnabled: true } });
      expect(messages()).toHaveLength(1);
    });

    it('located resources report the changed entry with its locationName', async () => {
      await call('POST', `/v2/event/${FRIDGE}/subscribe`);
      sim.patchStatus(FRIDGE, { doorStatus: [{ locationName: 'MAIN', doorState: 'OPEN' }] });
      expect(messages()[0]).toMatchObject({
        report: { doorStatus: [{ locationName: 'MAIN', doorState: 'OPEN' }] },
      });
    });

    it('the devices’ own changes: a dryer counting down, then DEVICE_PUSH when it ends', async () => {
      await call('POST', `/v2/event/${DRYER}/subscribe`);
      await call('POST', `/v2/push/${DRYER}/subscribe`);
      clock += 60 * 1000;
      sim.tick();
      expect(messages()).toEqual([
        expect.objectContaining({
          pushType: 'DEVICE_STATUS',
          report: { timer: { remainMinute: 44 } },
        }),
      ]);
      clock += 44 * 60 * 1000;
      sim.tick();
      expect(messages().slice(1)).toEqual([
        expect.objectContaining({
          pushType: 'DEVICE_STATUS',
          report: { runState: { currentState: 'END' }, timer: { remainMinute: 0 } },
        }),
        expect.objectContaining({
          pushType: 'DEVICE_PUSH',
          deviceId: DRYER,
          deviceType: 'DEVICE_WASHTOWER_DRYER',
          pushCode: 'DRYING_IS_COMPLETE',
        }),
      ]);
    });

    it('notify() sends DEVICE_PUSH to push subscribers only, with a code of the profile', async () => {
      sim.notify(FRIDGE, 'DOOR_IS_OPEN');
      await call('POST', `/v2/push/${FRIDGE}/subscribe`);
      sim.notify(FRIDGE, 'DOOR_IS_OPEN');
      expect(messages()).toEqual([
        expect.objectContaining({ pushType: 'DEVICE_PUSH', pushCode: 'DOOR_IS_OPEN' }),
      ]);
      expect(() => sim.notify(FRIDGE, 'WASHING_IS_COMPLETE')).toThrow(/no notification/);
    });

    it('device list changes go to the owner’s push/devices clients', async () => {
      const record = sim.deviceOf(AC);
      sim.renameDevice(AC, 'ignored: not subscribed yet');
      await call('POST', '/v2/push/devices');
      sim.renameDevice(AC, 'Living room');
      sim.removeDevice(AC);
      sim.addDevice({ ...record, deviceInfo: { ...record.deviceInfo, alias: 'Back' } });
      expect(messages()).toEqual([
        expect.objectContaining({
          pushType: 'DEVICE_ALIAS_CHANGED',
          deviceId: AC,
          alias: 'Living room',
        }),
        expect.objectContaining({ pushType: 'DEVICE_UNREGISTERED', deviceId: AC }),
        expect.objectContaining({
          pushType: 'DEVICE_REGISTERED',
          deviceId: AC,
          deviceType: 'DEVICE_AIR_CONDITIONER',
          modelName: 'PAC_910604_KR',
          alias: 'Back',
          reportable: true,
        }),
      ]);
    });

    it('a removed device’s subscriptions end; the drop knob sends nothing', async () => {
      await call('POST', `/v2/event/${AC}/subscribe`);
      sim.push.faults.drop = true;
      sim.patchStatus(AC, { powerSave: { powerSaveEnabled: true } });
      expect(messages()).toEqual([]);
      sim.push.faults.drop = false;
      sim.removeDevice(AC);
      expect((await call('GET', '/v2/event')).body.response).toEqual([]);
    });
  });

  describe('knobs under /__sandbox/push', () => {
    beforeEach(async () => {
      await register();
      await call('POST', `/v2/event/${AC}/subscribe`);
      await call('POST', `/v2/push/${FRIDGE}/subscribe`);
      await call('POST', '/v2/push/devices');
    });
    const admin = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
      sim.app.inject({ method, url, ...(payload ? { payload } : {}) });

    it('drop, then expire: nothing is published', async () => {
      await admin('PUT', '/__sandbox/push/faults', { drop: true });
      sim.patchStatus(AC, { powerSave: { powerSaveEnabled: true } });
      await admin('PUT', '/__sandbox/push/faults', { drop: false, expireSubscriptions: true });
      sim.patchStatus(AC, { powerSave: { powerSaveEnabled: false } });
      expect(sim.push.sent).toEqual([]);
      expect((await call('GET', '/v2/event')).body.response).toEqual([]);
    });

    it('a notification and a rename, and the record of what was sent', async () => {
      const notified = await admin('POST', `/__sandbox/push/devices/${FRIDGE}/notify`, {
        code: 'DOOR_IS_OPEN',
      });
      expect(notified.statusCode).toBe(204);
      const wrong = await admin('POST', `/__sandbox/push/devices/${FRIDGE}/notify`, {
        code: 'NOPE',
      });
      expect(wrong.statusCode).toBe(400);
      await admin('PUT', `/__sandbox/push/devices/${FRIDGE}/alias`, { alias: 'Cold' });
      const sent = (await admin('GET', '/__sandbox/push/messages')).json<{ message: unknown }[]>();
      expect(sent.map((entry) => entry.message)).toEqual([
        expect.objectContaining({ pushType: 'DEVICE_PUSH', pushCode: 'DOOR_IS_OPEN' }),
        expect.objectContaining({ pushType: 'DEVICE_ALIAS_CHANGED', alias: 'Cold' }),
      ]);
    });

    it('the CA as PEM; broker knobs need a running broker (409)', async () => {
      const ca = await admin('GET', '/__sandbox/push/ca');
      expect(ca.body).toBe(await sim.caPem());
      expect((await admin('PUT', '/__sandbox/push/faults', { brokerDown: true })).statusCode).toBe(
        409,
      );
    });
  });
});
