import { randomBytes } from 'node:crypto';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from './demo-data';
import { createThinqSimulator, type ThinqSimulator } from './thinq-simulator';

/** The seed page's examples (LG ThinQ Connect device API v2), verbatim where they are data. */
const SEED_LIST_RESPONSE = {
  messageId: 'Ig7pfvgQQFiLjrKoBFJ0xg',
  requestId: 'n9Wj2DsEs9rSdk77iUdXok',
  response: [
    {
      deviceId: 'TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435',
      deviceInfo: {
        alias: 'PAC1',
        codeName: 'standard',
        deviceType: 'DEVICE_AIR_CONDITIONER',
        modelName: 'PAC_910604_KR',
        reportable: true,
      },
    },
    {
      deviceId: 'TQS-A0FA49E5-1B95-4F9A-89B5-E4156706276A',
      deviceInfo: {
        alias: '',
        codeName: 'standard',
        deviceType: 'DEVICE_AIR_PURIFIER',
        modelName: 'AIR_910604_WW',
        reportable: true,
      },
    },
  ],
  responseCode: '0000',
  statusCode: 200,
  timestamp: '2020-08-20T01:09:58.224604',
};

const SEED_AIR_PURIFIER_PROFILE = {
  notification: {
    push: ['LACK_OF_WATER', 'POLLUTION_IS_HIGH', 'TIME_TO_CLEAN_FILTER', 'TIME_TO_CHANGE_FILTER'],
  },
  property: {
    airFlow: {
      windStrength: {
        mode: ['r', 'w'],
        type: 'enum',
        value: {
          r: ['MID', 'LOW', 'POWER', 'HIGH', 'AUTO'],
          w: ['MID', 'LOW', 'POWER', 'HIGH', 'AUTO'],
        },
      },
    },
    airPurifierJobMode: {
      currentJobMode: {
        mode: ['r', 'w'],
        type: 'enum',
        value: {
          r: ['DUAL_CLEAN', 'AUTO', 'CLEAN', 'CIRCULATOR'],
          w: ['DUAL_CLEAN', 'AUTO', 'CLEAN', 'CIRCULATOR'],
        },
      },
    },
    airQualitySensor: {
      PM1: { mode: ['r'], type: 'number' },
      PM10: { mode: ['r'], type: 'number' },
      PM2: { mode: ['r'], type: 'number' },
      humidity: { mode: ['r'], type: 'number' },
      monitoringEnabled: {
        mode: ['r'],
        type: 'enum',
        value: { r: ['ON_WORKING', 'ALWAYS'] },
      },
      oder: { mode: ['r'], type: 'number' },
      totalPollution: { mode: ['r'], type: 'number' },
    },
    operation: {
      airPurifierOperationMode: {
        mode: ['r', 'w'],
        type: 'enum',
        value: { r: ['POWER_ON', 'POWER_OFF'], w: ['POWER_ON', 'POWER_OFF'] },
      },
    },
    timer: {
      absoluteHourToStart: { mode: ['r', 'w'], type: 'number' },
      absoluteHourToStop: { mode: ['r', 'w'], type: 'number' },
      absoluteMinuteToStart: { mode: ['r', 'w'], type: 'number' },
      absoluteMinuteToStop: { mode: ['r', 'w'], type: 'number' },
    },
  },
};

const SEED_REFRIGERATOR_STATUS = {
  doorStatus: [{ doorState: 'CLOSE', locationName: 'MAIN' }],
  refrigeration: { expressMode: false, freshAirFilter: 'OFF' },
  temperature: [
    { locationName: 'FRIDGE', targetTemperature: 5, unit: 'C' },
    { locationName: 'FREEZER', targetTemperature: -18, unit: 'C' },
  ],
};

const SEED_CONTROL_RESPONSE = {
  messageId: 'Ig7pfvgQQFiLjrKoBFJ0xg',
  requestId: 'jSYRye5jhs4dm2ckEHBwbC',
  response: {},
  responseCode: '0000',
  statusCode: 200,
  timestamp: '2020-08-25T04:17:39.478024',
};

function headers(messageId = randomBytes(16).toString('base64url')) {
  return {
    authorization: `Bearer ${THINQ_DEMO_TOKENS.userA}`,
    'content-type': 'application/json',
    'x-message-id': messageId,
    'x-service-id': 'junction-sandbox',
    'x-service-key': 'sandbox-service-key',
    'x-country-code': 'KR',
  };
}

/** Same keys and value types as the seed envelope; message id echoed; requestId 22 chars. */
function expectEnvelopeLike(body: Record<string, unknown>, seed: Record<string, unknown>) {
  expect(Object.keys(body).sort()).toEqual(Object.keys(seed).sort());
  for (const key of Object.keys(seed)) expect(typeof body[key]).toBe(typeof seed[key]);
  expect(body.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
}

describe('ThinQ simulator: seed examples', () => {
  let sim: ThinqSimulator;

  beforeEach(() => {
    sim = createThinqSimulator({ now: () => Date.parse('2020-08-20T01:09:58.224Z') });
  });
  afterEach(async () => {
    await sim.app.close();
  });

  it('answers the device list in the seed shape, with the seed devices', async () => {
    const res = await sim.app.inject({
      method: 'GET',
      url: '/v2/devices',
      headers: headers('Ig7pfvgQQFiLjrKoBFJ0xg'),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expectEnvelopeLike(body, SEED_LIST_RESPONSE);
    expect(body.messageId).toBe('Ig7pfvgQQFiLjrKoBFJ0xg');
    expect(body.responseCode).toBe('0000');
    expect(body.statusCode).toBe(200);
    expect(body.timestamp).toBe('2020-08-20T01:09:58.224000');
    for (const seedDevice of SEED_LIST_RESPONSE.response) {
      expect(body.response).toContainEqual(seedDevice);
    }
  });

  it('lists the washtower pair with a shared groupId, and only the caller’s devices', async () => {
    const res = await sim.app.inject({ method: 'GET', url: '/v2/devices', headers: headers() });
    const devices = res.json().response as Array<{
      deviceId: string;
      deviceInfo: { deviceType: string; groupId?: string };
    }>;
    const types = devices.map((d) => d.deviceInfo.deviceType).sort();
    expect(types).toEqual([
      'DEVICE_AIR_CONDITIONER',
      'DEVICE_AIR_PURIFIER',
      'DEVICE_REFRIGERATOR',
      'DEVICE_WASHER',
      'DEVICE_WASHTOWER_DRYER',
      'DEVICE_WASHTOWER_WASHER',
    ]);
    const tower = devices.filter((d) => d.deviceInfo.deviceType.startsWith('DEVICE_WASHTOWER'));
    expect(tower[0].deviceInfo.groupId).toBeDefined();
    expect(tower[0].deviceInfo.groupId).toBe(tower[1].deviceInfo.groupId);
    for (const d of devices.filter(
      (x) => !x.deviceInfo.deviceType.startsWith('DEVICE_WASHTOWER'),
    )) {
      expect(d.deviceInfo.groupId).toBeUndefined();
    }
    expect(devices.map((d) => d.deviceId)).not.toContain(THINQ_DEVICE_IDS.userBAirPurifier);

    const resB = await sim.app.inject({
      method: 'GET',
      url: '/v2/devices',
      headers: { ...headers(), authorization: `Bearer ${THINQ_DEMO_TOKENS.userB}` },
    });
    expect(resB.json().response.map((d: { deviceId: string }) => d.deviceId)).toEqual([
      THINQ_DEVICE_IDS.userBAirPurifier,
    ]);
  });

  it('serves the air purifier profile exactly as the seed page shows it', async () => {
    const res = await sim.app.inject({
      method: 'GET',
      url: `/v2/devices/profile/${THINQ_DEVICE_IDS.airPurifier}`,
      headers: headers(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().response).toEqual(SEED_AIR_PURIFIER_PROFILE);
  });

  it('serves the refrigerator status exactly in the seed shape', async () => {
    const res = await sim.app.inject({
      method: 'GET',
      url: `/v2/devices/status/${THINQ_DEVICE_IDS.refrigerator}`,
      headers: headers(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().response).toEqual(SEED_REFRIGERATOR_STATUS);
  });

  it('models the refrigerator profile with locationName-keyed arrays', async () => {
    const res = await sim.app.inject({
      method: 'GET',
      url: `/v2/devices/profile/${THINQ_DEVICE_IDS.refrigerator}`,
      headers: headers(),
    });
    const profile = res.json().response;
    expect(profile.property.temperature).toEqual([
      expect.objectContaining({
        locationName: 'FRIDGE',
        targetTemperature: expect.objectContaining({ type: 'range', mode: ['r', 'w'] }),
      }),
      expect.objectContaining({ locationName: 'FREEZER' }),
    ]);
    expect(profile.property.doorStatus[0].locationName).toBe('MAIN');
    expect(profile.property.refrigeration.expressMode).toEqual({
      mode: ['r', 'w'],
      type: 'boolean',
      value: { r: [false, true], w: [false, true] },
    });
  });

  it('runs the seed control example and the next status shows it', async () => {
    const res = await sim.app.inject({
      method: 'POST',
      url: `/v2/devices/control/${THINQ_DEVICE_IDS.refrigerator}`,
      headers: headers('Ig7pfvgQQFiLjrKoBFJ0xg'),
      payload: { refrigeration: { expressMode: true } },
    });
    expect(res.statusCode).toBe(200);
    expectEnvelopeLike(res.json(), SEED_CONTROL_RESPONSE);
    expect(res.json()).toMatchObject({
      messageId: 'Ig7pfvgQQFiLjrKoBFJ0xg',
      response: {},
      responseCode: '0000',
      statusCode: 200,
    });

    const status = await sim.app.inject({
      method: 'GET',
      url: `/v2/devices/status/${THINQ_DEVICE_IDS.refrigerator}`,
      headers: headers(),
    });
    expect(status.json().response).toEqual({
      ...SEED_REFRIGERATOR_STATUS,
      refrigeration: { expressMode: true, freshAirFilter: 'OFF' },
    });
    expect(sim.statusOf(THINQ_DEVICE_IDS.refrigerator).refrigeration).toEqual({
      expressMode: true,
      freshAirFilter: 'OFF',
    });
  });

  it('addresses located resources by locationName (object or array form, unit as qualifier)', async () => {
    const one = await sim.app.inject({
      method: 'POST',
      url: `/v2/devices/control/${THINQ_DEVICE_IDS.refrigerator}`,
      headers: headers(),
      payload: { temperature: { locationName: 'FREEZER', unit: 'C', targetTemperature: -20 } },
    });
    expect(one.statusCode).toBe(200);
    const two = await sim.app.inject({
      method: 'POST',
      url: `/v2/devices/control/${THINQ_DEVICE_IDS.refrigerator}`,
      headers: headers(),
      payload: { temperature: [{ locationName: 'FRIDGE', targetTemperature: 3 }] },
    });
    expect(two.statusCode).toBe(200);
    expect(sim.statusOf(THINQ_DEVICE_IDS.refrigerator).temperature).toEqual([
      { locationName: 'FRIDGE', targetTemperature: 3, unit: 'C' },
      { locationName: 'FREEZER', targetTemperature: -20, unit: 'C' },
    ]);
  });

  it('reset() restores the demo state', async () => {
    await sim.app.inject({
      method: 'POST',
      url: `/v2/devices/control/${THINQ_DEVICE_IDS.refrigerator}`,
      headers: headers(),
      payload: { refrigeration: { expressMode: true } },
    });
    sim.setOnline(THINQ_DEVICE_IDS.airPurifier, false);
    sim.reset();
    expect(sim.statusOf(THINQ_DEVICE_IDS.refrigerator)).toEqual(SEED_REFRIGERATOR_STATUS);
    expect(sim.deviceOf(THINQ_DEVICE_IDS.airPurifier).online).toBe(true);
    expect(sim.faults.count('GET /v2/devices/status/:deviceId')).toBe(0);
  });
});
