import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from './demo-data';
import { createThinqSimulator, ThinqSimulator } from './thinq-simulator';

const AC = THINQ_DEVICE_IDS.airConditioner;
const DRYER = THINQ_DEVICE_IDS.washtowerDryer;
const WASHER = THINQ_DEVICE_IDS.washtowerWasher;
const PURIFIER = THINQ_DEVICE_IDS.airPurifier;
const FRIDGE = THINQ_DEVICE_IDS.refrigerator;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('ThinQ simulator: devices change on their own, from the simulator clock', () => {
  let clock: number;
  let sim: ThinqSimulator;
  let ids = 0;

  const headers = () => ({
    authorization: `Bearer ${THINQ_DEMO_TOKENS.userA}`,
    'x-message-id': Buffer.alloc(16, (ids += 1)).toString('base64url'),
    'x-service-id': 'junction-sandbox',
    'x-service-key': 'sandbox-service-key',
    'x-country-code': 'KR',
  });
  const status = async (deviceId: string) => {
    const res = await sim.app.inject({
      method: 'GET',
      url: `/v2/devices/status/${deviceId}`,
      headers: headers(),
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ response: Record<string, Record<string, unknown>> }>().response;
  };
  const control = async (deviceId: string, payload: unknown) =>
    sim.app.inject({
      method: 'POST',
      url: `/v2/devices/control/${deviceId}`,
      headers: headers(),
      payload: payload as object,
    });

  beforeEach(() => {
    clock = Date.parse('2024-05-01T00:00:00Z');
    sim = createThinqSimulator({ now: () => clock });
  });

  it('a running dryer counts its remaining minutes down and ends its cycle', async () => {
    expect((await status(DRYER)).timer).toMatchObject({ remainHour: 0, remainMinute: 45 });
    clock += 59 * SECOND;
    expect((await status(DRYER)).timer).toMatchObject({ remainMinute: 45 });
    clock += 1 * SECOND;
    expect((await status(DRYER)).timer).toMatchObject({ remainMinute: 44 });
    clock += 10 * MINUTE;
    expect((await status(DRYER)).timer).toMatchObject({ remainMinute: 34 });
    expect((await status(DRYER)).runState).toEqual({ currentState: 'RUNNING' });
    clock += 34 * MINUTE;
    const ended = await status(DRYER);
    expect(ended.timer).toMatchObject({ remainHour: 0, remainMinute: 0 });
    expect(ended.runState).toEqual({ currentState: 'END' });
    clock += 60 * MINUTE;
    expect((await status(DRYER)).runState).toEqual({ currentState: 'END' });
  });

  it('the same clock readings give the same states, however often the device is read', async () => {
    const other = createThinqSimulator({ now: () => clock });
    for (let i = 0; i < 90; i += 1) {
      clock += 20 * SECOND;
      await status(DRYER);
    }
    expect(sim.statusOf(DRYER)).toEqual(other.statusOf(DRYER));
    expect(sim.statusOf(AC)).toEqual(other.statusOf(AC));
    expect(sim.statusOf(PURIFIER)).toEqual(other.statusOf(PURIFIER));
  });

  it('a paused washer keeps its time; a started one counts down from 1:10', async () => {
    expect(
      (await control(WASHER, { operation: { washerOperationMode: 'START' } })).statusCode,
    ).toBe(200);
    clock += 2 * MINUTE;
    expect((await status(WASHER)).timer).toMatchObject({ remainHour: 1, remainMinute: 8 });
    expect((await control(WASHER, { operation: { washerOperationMode: 'STOP' } })).statusCode).toBe(
      200,
    );
    clock += 30 * MINUTE;
    const paused = await status(WASHER);
    expect(paused.runState).toEqual({ currentState: 'PAUSE' });
    expect(paused.timer).toMatchObject({ remainHour: 1, remainMinute: 8 });
    expect(
      (await control(WASHER, { operation: { washerOperationMode: 'START' } })).statusCode,
    ).toBe(200);
    clock += 9 * MINUTE;
    expect((await status(WASHER)).timer).toMatchObject({ remainHour: 0, remainMinute: 59 });
  });

  it('an air conditioner that runs brings the room to its target, 0.5 °C every 30 s, and holds it', async () => {
    expect((await status(AC)).temperature).toMatchObject({
      currentTemperature: 26,
      targetTemperature: 24,
    });
    clock += 30 * SECOND;
    expect((await status(AC)).temperature).toMatchObject({ currentTemperature: 25.5 });
    clock += 10 * MINUTE;
    expect((await status(AC)).temperature).toMatchObject({ currentTemperature: 24 });
    // A new target: the room follows it.
    const warmer = { temperature: { targetTemperature: 25 } };
    expect((await control(AC, warmer)).statusCode).toBe(200);
    clock += 30 * SECOND;
    expect((await status(AC)).temperature).toMatchObject({ currentTemperature: 24.5 });
    // Switched off, the room warms back toward 28 °C.
    const off = { operation: { airConOperationMode: 'POWER_OFF' } };
    expect((await control(AC, off)).statusCode).toBe(200);
    clock += 60 * MINUTE;
    expect((await status(AC)).temperature).toMatchObject({ currentTemperature: 28 });
  });

  it('a running air purifier’s readings move every minute within a few units; off, they hold', async () => {
    const start = (await status(PURIFIER)).airQualitySensor;
    const seen = new Set<string>();
    for (let minute = 1; minute <= 16; minute += 1) {
      clock += MINUTE;
      const sensor = (await status(PURIFIER)).airQualitySensor as Record<string, number>;
      seen.add(JSON.stringify(sensor));
      for (const reading of ['PM1', 'PM2', 'PM10']) {
        expect(Math.abs(sensor[reading] - (start[reading] as number))).toBeLessThanOrEqual(2);
      }
    }
    expect(seen.size).toBeGreaterThan(2);
    // After two whole periods of the wave the readings are back where they started.
    expect((await status(PURIFIER)).airQualitySensor).toEqual(start);
    expect(
      (await control(PURIFIER, { operation: { airPurifierOperationMode: 'POWER_OFF' } }))
        .statusCode,
    ).toBe(200);
    const off = (await status(PURIFIER)).airQualitySensor;
    clock += 3 * MINUTE;
    expect((await status(PURIFIER)).airQualitySensor).toEqual(off);
  });

  it('a refrigerator (target temperatures only) and idle devices stay as they are', async () => {
    const fridge = await status(FRIDGE);
    const washer = await status(WASHER);
    clock += 90 * MINUTE;
    expect(await status(FRIDGE)).toEqual(fridge);
    expect(await status(WASHER)).toEqual(washer);
  });

  it('reset() starts the demo over from the current time', async () => {
    clock += 20 * MINUTE;
    expect((await status(DRYER)).timer).toMatchObject({ remainMinute: 25 });
    sim.reset();
    expect((await status(DRYER)).timer).toMatchObject({ remainMinute: 45 });
    clock += MINUTE;
    expect((await status(DRYER)).timer).toMatchObject({ remainMinute: 44 });
  });

  it('the sandbox state route and the test handles show the same up-to-date status', async () => {
    clock += 5 * MINUTE;
    const res = await sim.app.inject({ method: 'GET', url: '/__sandbox/state/devices' });
    const listed = res
      .json<{ deviceId: string; status: Record<string, Record<string, unknown>> }[]>()
      .find((device) => device.deviceId === DRYER);
    expect(listed?.status.timer).toMatchObject({ remainMinute: 40 });
    expect(sim.statusOf(DRYER).timer).toMatchObject({ remainMinute: 40 });
  });
});
