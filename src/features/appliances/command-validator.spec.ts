import {
  airConditionerProfile,
  airPurifierProfile,
  refrigeratorProfile,
  washerProfile,
} from '../../upstreams/thinq/vendor/device-profiles.vendor';
import { validateCommand } from './command-validator';

const ac = airConditionerProfile();
const purifier = airPurifierProfile();
const fridge = refrigeratorProfile();

const fields = (profile: unknown, command: unknown) =>
  validateCommand(profile, command).map((p) => p.field);

describe('validateCommand', () => {
  it('accepts writable properties with allowed values', () => {
    expect(validateCommand(purifier, { airFlow: { windStrength: 'HIGH' } })).toEqual([]);
    expect(
      validateCommand(ac, {
        temperature: { targetTemperature: 22.5 },
        powerSave: { powerSaveEnabled: true },
        operation: { airConOperationMode: 'POWER_OFF' },
      }),
    ).toEqual([]);
    expect(validateCommand(purifier, { timer: { absoluteHourToStart: 7 } })).toEqual([]);
    expect(
      validateCommand(washerProfile(), { operation: { washerOperationMode: 'START' } }),
    ).toEqual([]);
  });

  it('refuses an empty or non-object body', () => {
    for (const body of [{}, [], null, 'x', 3]) {
      expect(fields(ac, body)).toEqual(['body']);
    }
  });

  it('refuses null for a resource, a property value or a located entry, naming it', () => {
    expect(fields(purifier, { airFlow: null })).toEqual(['airFlow']);
    expect(fields(purifier, { airFlow: { windStrength: null } })).toEqual(['airFlow.windStrength']);
    expect(fields(ac, { temperature: { targetTemperature: null } })).toEqual([
      'temperature.targetTemperature',
    ]);
    expect(fields(ac, { powerSave: { powerSaveEnabled: null } })).toEqual([
      'powerSave.powerSaveEnabled',
    ]);
    expect(fields(fridge, { temperature: [null] }).length).toBeGreaterThan(0);
  });

  it('names an unknown resource or property', () => {
    expect(validateCommand(ac, { nope: { a: 1 } })).toEqual([
      { field: 'nope', message: 'is not a resource of this device' },
    ]);
    expect(validateCommand(ac, { airFlow: { speed: 'HIGH' } })).toEqual([
      { field: 'airFlow.speed', message: 'is not a property of airFlow on this device' },
    ]);
    expect(fields(ac, { airFlow: {} })).toEqual(['airFlow']);
    expect(fields(ac, { airFlow: 'HIGH' })).toEqual(['airFlow']);
  });

  it('refuses read-only properties (mode without w)', () => {
    expect(validateCommand(purifier, { airQualitySensor: { PM10: 3 } })).toEqual([
      { field: 'airQualitySensor.PM10', message: 'is read-only' },
    ]);
    expect(fields(ac, { temperature: { unit: 'C' } })).toEqual(['temperature.unit']);
  });

  it('checks enum values against value.w', () => {
    const [problem] = validateCommand(purifier, { airFlow: { windStrength: 'TURBO' } });
    expect(problem.field).toBe('airFlow.windStrength');
    expect(problem.message).toContain('MID, LOW, POWER, HIGH, AUTO');
    expect(fields(purifier, { airFlow: { windStrength: 3 } })).toEqual(['airFlow.windStrength']);
  });

  it('checks ranges: min, max and step', () => {
    expect(validateCommand(ac, { temperature: { targetTemperature: 30.5 } })).toEqual([
      { field: 'temperature.targetTemperature', message: 'must be between 18 and 30; got 30.5' },
    ]);
    expect(validateCommand(ac, { temperature: { targetTemperature: 17 } })[0].message).toContain(
      'between 18 and 30',
    );
    expect(validateCommand(ac, { temperature: { targetTemperature: 22.3 } })).toEqual([
      {
        field: 'temperature.targetTemperature',
        message: 'must be 18 plus a multiple of 0.5; got 22.3',
      },
    ]);
    expect(fields(ac, { temperature: { targetTemperature: '22' } })).toEqual([
      'temperature.targetTemperature',
    ]);
  });

  it('checks booleans and numbers by type', () => {
    expect(validateCommand(ac, { powerSave: { powerSaveEnabled: 'true' } })).toEqual([
      { field: 'powerSave.powerSaveEnabled', message: 'must be true or false' },
    ]);
    expect(validateCommand(purifier, { timer: { absoluteHourToStart: '7' } })).toEqual([
      { field: 'timer.absoluteHourToStart', message: 'must be a number' },
    ]);
  });

  it('addresses located resources by locationName, as one object or a list', () => {
    expect(
      validateCommand(fridge, { temperature: { locationName: 'FREEZER', targetTemperature: -20 } }),
    ).toEqual([]);
    expect(
      validateCommand(fridge, {
        temperature: [
          { locationName: 'FRIDGE', targetTemperature: 3 },
          { locationName: 'FREEZER', targetTemperature: -18 },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses located resources without a known locationName, or out of that location\u2019s range', () => {
    expect(validateCommand(fridge, { temperature: { targetTemperature: 3 } })).toEqual([
      {
        field: 'temperature',
        message: 'must be addressed by locationName (one of FRIDGE, FREEZER)',
      },
    ]);
    expect(
      validateCommand(fridge, { temperature: { locationName: 'CELLAR', targetTemperature: 3 } }),
    ).toEqual([
      {
        field: 'temperature.locationName',
        message: 'must be one of FRIDGE, FREEZER; got "CELLAR"',
      },
    ]);
    expect(
      validateCommand(fridge, {
        temperature: [
          { locationName: 'FRIDGE', targetTemperature: 3 },
          { locationName: 'FREEZER', targetTemperature: 3 },
        ],
      }),
    ).toEqual([
      {
        field: 'temperature[FREEZER].targetTemperature',
        message: 'must be between -23 and -15; got 3',
      },
    ]);
    expect(fields(fridge, { temperature: [] })).toEqual(['temperature']);
    expect(fields(fridge, { temperature: { locationName: 'FRIDGE' } })).toEqual([
      'temperature[FRIDGE]',
    ]);
    expect(fields(fridge, { doorStatus: { locationName: 'MAIN', doorState: 'OPEN' } })).toEqual([
      'doorStatus[MAIN].doorState',
    ]);
  });

  it('lists every problem of a command at once', () => {
    expect(
      fields(ac, {
        airFlow: { windStrength: 'NOPE' },
        temperature: { targetTemperature: 99, currentTemperature: 20 },
        ghost: {},
      }),
    ).toEqual([
      'airFlow.windStrength',
      'temperature.targetTemperature',
      'temperature.currentTemperature',
      'ghost',
    ]);
  });

  it('checks list items and strings', () => {
    const profile = {
      property: {
        x: {
          tags: { type: 'list', mode: ['r', 'w'], value: { w: ['A', 'B'] } },
          name: { type: 'string', mode: ['w'] },
        },
      },
    };
    expect(validateCommand(profile, { x: { tags: ['A'], name: 'n' } })).toEqual([]);
    expect(fields(profile, { x: { tags: ['C'], name: 1 } })).toEqual(['x.tags', 'x.name']);
    expect(fields(profile, { x: { tags: 'A' } })).toEqual(['x.tags']);
  });
});
