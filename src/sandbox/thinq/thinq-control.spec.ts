import { randomBytes } from 'node:crypto';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from './demo-data';
import { createThinqSimulator, type ThinqSimulator } from './thinq-simulator';

const {
  airConditioner: AC,
  airPurifier: PURIFIER,
  refrigerator: FRIDGE,
  washer: WASHER,
  washtowerWasher: TOWER_WASHER,
  washtowerDryer: TOWER_DRYER,
  userBAirPurifier: B_PURIFIER,
} = THINQ_DEVICE_IDS;

function headers(token: string = THINQ_DEMO_TOKENS.userA) {
  return {
    authorization: `Bearer ${token}`,
    'x-message-id': randomBytes(16).toString('base64url'),
    'x-service-id': 'junction-sandbox',
    'x-service-key': 'sandbox-service-key',
    'x-country-code': 'KR',
  };
}

describe('ThinQ simulator: devices and control', () => {
  let sim: ThinqSimulator;

  beforeEach(() => {
    sim = createThinqSimulator();
  });
  afterEach(async () => {
    await sim.app.close();
  });

  const profile = (id: string, token?: string) =>
    sim.app.inject({ method: 'GET', url: `/v2/devices/profile/${id}`, headers: headers(token) });
  const status = (id: string, token?: string) =>
    sim.app.inject({ method: 'GET', url: `/v2/devices/status/${id}`, headers: headers(token) });
  const control = (id: string, payload: unknown, token?: string) =>
    sim.app.inject({
      method: 'POST',
      url: `/v2/devices/control/${id}`,
      headers: { ...headers(token), 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  function expectCode(
    res: { statusCode: number; json: () => ReturnType<JSON['parse']> },
    status: number,
    code: string,
  ) {
    expect(res.statusCode).toBe(status);
    expect(res.json().responseCode).toBe(code);
    expect(res.json().response.error.code).toBe(code);
    expect(typeof res.json().response.error.message).toBe('string');
  }

  describe('ownership and connectivity', () => {
    it.each([
      ['profile', profile],
      ['status', status],
    ])('unknown device id -> 1205 at 404 (%s)', async (_name, call) => {
      expectCode(await call('TQS-00000000-0000-4000-8000-000000000000'), 404, '1205');
    });

    it('unknown device id -> 1205 at 404 (control)', async () => {
      expectCode(await control('nope', { operation: { x: 1 } }), 404, '1205');
    });

    it('another user’s device -> 1212 at 404 on every device route', async () => {
      expectCode(await profile(B_PURIFIER), 404, '1212');
      expectCode(await status(B_PURIFIER), 404, '1212');
      expectCode(
        await control(B_PURIFIER, { operation: { airPurifierOperationMode: 'POWER_ON' } }),
        404,
        '1212',
      );
      expectCode(await status(PURIFIER, THINQ_DEMO_TOKENS.userB), 404, '1212');
      expect((await status(B_PURIFIER, THINQ_DEMO_TOKENS.userB)).statusCode).toBe(200);
    });

    it('the offline washer: profile works, status and control -> 1222 at 416', async () => {
      expect((await profile(WASHER)).statusCode).toBe(200);
      expectCode(await status(WASHER), 416, '1222');
      expectCode(
        await control(WASHER, { operation: { washerOperationMode: 'WAKE_UP' } }),
        416,
        '1222',
      );
    });

    it('setOnline() toggles connectivity', async () => {
      sim.setOnline(WASHER, true);
      expect((await status(WASHER)).statusCode).toBe(200);
      sim.setOnline(AC, false);
      expectCode(await status(AC), 416, '1222');
      expectCode(await control(AC, { airFlow: { windStrength: 'LOW' } }), 416, '1222');
    });
  });

  describe('air conditioner', () => {
    it('exposes a range target temperature, enums and booleans in its profile', async () => {
      const p = (await profile(AC)).json().response;
      expect(p.property.temperature.targetTemperature).toEqual({
        mode: ['r', 'w'],
        type: 'range',
        value: { r: { min: 18, max: 30, step: 0.5 }, w: { min: 18, max: 30, step: 0.5 } },
      });
      expect(p.property.airConJobMode.currentJobMode.type).toBe('enum');
      expect(p.property.powerSave.powerSaveEnabled.type).toBe('boolean');
      expect(p.property.remoteControlEnable.remoteControlEnabled.mode).toEqual(['r']);
    });

    it('applies valid commands statefully', async () => {
      expect(
        (
          await control(AC, {
            temperature: { targetTemperature: 22.5, unit: 'C' },
            airFlow: { windStrength: 'HIGH' },
            powerSave: { powerSaveEnabled: true },
          })
        ).statusCode,
      ).toBe(200);
      const s = (await status(AC)).json().response;
      expect(s.temperature).toEqual({ currentTemperature: 26, targetTemperature: 22.5, unit: 'C' });
      expect(s.airFlow.windStrength).toBe('HIGH');
      expect(s.powerSave.powerSaveEnabled).toBe(true);
    });

    it.each([
      ['unknown resource', { nope: { x: 1 } }],
      ['unknown property', { airFlow: { windSpeed: 'LOW' } }],
      ['read-only property', { temperature: { currentTemperature: 20 } }],
      ['read-only unit changed', { temperature: { unit: 'F' } }],
      ['enum value not in value.w', { airConJobMode: { currentJobMode: 'HEAT' } }],
      ['range below min', { temperature: { targetTemperature: 17.5 } }],
      ['range above max', { temperature: { targetTemperature: 30.5 } }],
      ['range off step', { temperature: { targetTemperature: 22.3 } }],
      ['wrong type (string for range)', { temperature: { targetTemperature: '22' } }],
      ['wrong type (string for boolean)', { powerSave: { powerSaveEnabled: 'true' } }],
      ['wrong type (number for enum)', { airFlow: { windStrength: 1 } }],
      ['resource not an object', { airFlow: 'HIGH' }],
      ['empty resource', { airFlow: {} }],
      ['empty command', {}],
      ['array command', [{ airFlow: { windStrength: 'LOW' } }]],
      ['scalar command', 'POWER_OFF'],
    ])('%s -> 2207 at 400, status unchanged', async (_label, command) => {
      const before = sim.statusOf(AC);
      expectCode(await control(AC, command), 400, '2207');
      expect(sim.statusOf(AC)).toEqual(before);
    });

    it('remote control disabled -> 2301', async () => {
      sim.setRemoteControl(AC, false);
      expectCode(await control(AC, { airFlow: { windStrength: 'LOW' } }), 400, '2301');
      sim.setRemoteControl(AC, true);
      expect((await control(AC, { airFlow: { windStrength: 'LOW' } })).statusCode).toBe(200);
    });

    it('powered off accepts only the power-on command, else 2304', async () => {
      expect(
        (await control(AC, { operation: { airConOperationMode: 'POWER_OFF' } })).statusCode,
      ).toBe(200);
      expect(sim.statusOf(AC).operation).toEqual({ airConOperationMode: 'POWER_OFF' });
      expectCode(await control(AC, { airFlow: { windStrength: 'LOW' } }), 400, '2304');
      expectCode(
        await control(AC, {
          operation: { airConOperationMode: 'POWER_ON' },
          airFlow: { windStrength: 'LOW' },
        }),
        400,
        '2304',
      );
      expect(
        (await control(AC, { operation: { airConOperationMode: 'POWER_ON' } })).statusCode,
      ).toBe(200);
    });

    it('mode-dependent properties -> 2305 (FAN has no target temperature, AIR_DRY fixes wind)', async () => {
      expectCode(
        await control(AC, {
          airConJobMode: { currentJobMode: 'FAN' },
          temperature: { targetTemperature: 20 },
        }),
        400,
        '2305',
      );
      expect((await control(AC, { airConJobMode: { currentJobMode: 'AIR_DRY' } })).statusCode).toBe(
        200,
      );
      expectCode(await control(AC, { airFlow: { windStrength: 'HIGH' } }), 400, '2305');
      expect((await control(AC, { temperature: { targetTemperature: 20 } })).statusCode).toBe(200);
    });

    it('device error -> 2303', async () => {
      sim.setDeviceError(AC, 'FAN_MOTOR_ERROR');
      expectCode(await control(AC, { airFlow: { windStrength: 'LOW' } }), 400, '2303');
      sim.setDeviceError(AC, null);
      expect((await control(AC, { airFlow: { windStrength: 'LOW' } })).statusCode).toBe(200);
    });
  });

  describe('air purifier', () => {
    it('powered off: only POWER_ON is accepted, else 2304', async () => {
      sim.patchStatus(PURIFIER, { operation: { airPurifierOperationMode: 'POWER_OFF' } });
      expectCode(await control(PURIFIER, { airFlow: { windStrength: 'LOW' } }), 400, '2304');
      expectCode(
        await control(PURIFIER, { operation: { airPurifierOperationMode: 'POWER_OFF' } }),
        400,
        '2304',
      );
      expect(
        (await control(PURIFIER, { operation: { airPurifierOperationMode: 'POWER_ON' } }))
          .statusCode,
      ).toBe(200);
      expect((await control(PURIFIER, { airFlow: { windStrength: 'LOW' } })).statusCode).toBe(200);
      expect(sim.statusOf(PURIFIER).airFlow).toEqual({ windStrength: 'LOW' });
    });

    it('user B’s purifier starts powered off', async () => {
      expectCode(
        await control(B_PURIFIER, { airFlow: { windStrength: 'LOW' } }, THINQ_DEMO_TOKENS.userB),
        400,
        '2304',
      );
    });

    it('number properties take numbers; timer hours and minutes are checked', async () => {
      expect(
        (await control(PURIFIER, { timer: { absoluteHourToStop: 22, absoluteMinuteToStop: 30 } }))
          .statusCode,
      ).toBe(200);
      expect(sim.statusOf(PURIFIER).timer).toMatchObject({
        absoluteHourToStop: 22,
        absoluteMinuteToStop: 30,
      });
      expectCode(await control(PURIFIER, { timer: { absoluteHourToStop: 24 } }), 400, '2207');
      expectCode(await control(PURIFIER, { timer: { absoluteMinuteToStop: '5' } }), 400, '2207');
      expectCode(await control(PURIFIER, { airQualitySensor: { PM1: 0 } }), 400, '2207');
    });
  });

  describe('refrigerator', () => {
    it.each([
      ['no locationName', { temperature: { targetTemperature: 3 } }],
      [
        'unknown locationName',
        { temperature: { locationName: 'CONVERTIBLE', targetTemperature: 3 } },
      ],
      [
        'out of the location range',
        { temperature: { locationName: 'FRIDGE', targetTemperature: -18 } },
      ],
      ['read-only door', { doorStatus: { locationName: 'MAIN', doorState: 'OPEN' } }],
      ['only qualifiers', { temperature: { locationName: 'FRIDGE', unit: 'C' } }],
      ['boolean as string', { refrigeration: { expressMode: 'true' } }],
    ])('%s -> 2207', async (_label, command) => {
      expectCode(await control(FRIDGE, command), 400, '2207');
    });
  });

  describe('washtower', () => {
    it('washer: START from INITIAL runs; START again -> 2302; STOP pauses', async () => {
      expect(
        (await control(TOWER_WASHER, { operation: { washerOperationMode: 'START' } })).statusCode,
      ).toBe(200);
      expect(sim.statusOf(TOWER_WASHER).runState).toEqual({ currentState: 'RUNNING' });
      expect(sim.statusOf(TOWER_WASHER).timer).toMatchObject({ remainHour: 1, remainMinute: 10 });
      expectCode(
        await control(TOWER_WASHER, { operation: { washerOperationMode: 'START' } }),
        400,
        '2302',
      );
      expectCode(
        await control(TOWER_WASHER, { detergent: { detergentSetting: 'MORE' } }),
        400,
        '2302',
      );
      expect(
        (await control(TOWER_WASHER, { operation: { washerOperationMode: 'STOP' } })).statusCode,
      ).toBe(200);
      expect(sim.statusOf(TOWER_WASHER).runState).toEqual({ currentState: 'PAUSE' });
    });

    it('washer: the write-only operation mode never shows in status', async () => {
      await control(TOWER_WASHER, { operation: { washerOperationMode: 'START' } });
      expect(sim.statusOf(TOWER_WASHER).operation).toBeUndefined();
    });

    it('washer: POWER_OFF, then only WAKE_UP (else 2304); WAKE_UP when on -> 2302', async () => {
      expectCode(
        await control(TOWER_WASHER, { operation: { washerOperationMode: 'WAKE_UP' } }),
        400,
        '2302',
      );
      await control(TOWER_WASHER, { operation: { washerOperationMode: 'POWER_OFF' } });
      expectCode(
        await control(TOWER_WASHER, { operation: { washerOperationMode: 'START' } }),
        400,
        '2304',
      );
      expect(
        (await control(TOWER_WASHER, { operation: { washerOperationMode: 'WAKE_UP' } })).statusCode,
      ).toBe(200);
      expect(sim.statusOf(TOWER_WASHER).runState).toEqual({ currentState: 'INITIAL' });
    });

    it('washer: runState ERROR -> 2303', async () => {
      sim.patchStatus(TOWER_WASHER, { runState: { currentState: 'ERROR' } });
      expectCode(
        await control(TOWER_WASHER, { operation: { washerOperationMode: 'STOP' } }),
        400,
        '2303',
      );
    });

    it('dryer: runs from the start; START -> 2302, STOP works; remote off -> 2301', async () => {
      expectCode(
        await control(TOWER_DRYER, { operation: { dryerOperationMode: 'START' } }),
        400,
        '2302',
      );
      expectCode(
        await control(TOWER_DRYER, { operation: { washerOperationMode: 'STOP' } }),
        400,
        '2207',
      );
      expect(
        (await control(TOWER_DRYER, { operation: { dryerOperationMode: 'STOP' } })).statusCode,
      ).toBe(200);
      sim.setRemoteControl(TOWER_DRYER, false);
      expectCode(
        await control(TOWER_DRYER, { operation: { dryerOperationMode: 'START' } }),
        400,
        '2301',
      );
    });
  });

  describe('bodies', () => {
    it('no body -> 1101 at 400', async () => {
      const res = await sim.app.inject({
        method: 'POST',
        url: `/v2/devices/control/${AC}`,
        headers: headers(),
      });
      expectCode(res, 400, '1101');
    });

    it('unparsable JSON -> 1000 at 400 in LG’s shape', async () => {
      const res = await sim.app.inject({
        method: 'POST',
        url: `/v2/devices/control/${AC}`,
        headers: { ...headers(), 'content-type': 'application/json' },
        payload: '{"airFlow":',
      });
      expectCode(res, 400, '1000');
    });

    it('accepts x-conditional-control: true', async () => {
      const res = await sim.app.inject({
        method: 'POST',
        url: `/v2/devices/control/${AC}`,
        headers: { ...headers(), 'x-conditional-control': 'true' },
        payload: { airFlow: { windStrength: 'AUTO' } },
      });
      expect(res.statusCode).toBe(200);
    });
  });
});
