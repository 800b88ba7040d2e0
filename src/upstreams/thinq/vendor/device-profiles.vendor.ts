/**
 * Device profiles in ThinQ Connect shape, per device type, as LG's profile API, its official SDKs
 * and the simulator give them: the ThinQ simulator serves them, and the appliance feature types
 * the status and command schemas of the OpenAPI document from them (appliance-types.ts). A plain resource maps property names to specs; an
 * array resource (LG's `locationName`-keyed resources, e.g. a refrigerator's `temperature`)
 * is a list of objects, each with a plain-string `locationName` and property specs, exactly
 * as LG's profiles and SDK model it.
 */

export type PropertyType = 'enum' | 'range' | 'number' | 'boolean' | 'list' | 'string';
export type AccessMode = 'r' | 'w';

export interface RangeValue {
  min: number;
  max: number;
  step: number;
  except?: number[];
}

export interface PropertySpec {
  type: PropertyType;
  mode: AccessMode[];
  /** Allowed values: a list for enum/boolean/list, `{min, max, step}` for range. */
  value?: { r?: unknown; w?: unknown };
  unit?: string;
}

export type ResourceSpec = Record<string, PropertySpec>;
export type LocatedResourceEntry = { locationName: string } & Record<string, PropertySpec | string>;
export type LocatedResourceSpec = LocatedResourceEntry[];

export interface DeviceProfile {
  property: Record<string, ResourceSpec | LocatedResourceSpec>;
  notification?: { push: string[] };
  error?: string[];
}

const rw = ['r', 'w'] as AccessMode[];
const ro = ['r'] as AccessMode[];
const wo = ['w'] as AccessMode[];

function enumRw(values: string[]): PropertySpec {
  return { mode: [...rw], type: 'enum', value: { r: [...values], w: [...values] } };
}

function enumRo(values: string[]): PropertySpec {
  return { mode: [...ro], type: 'enum', value: { r: [...values] } };
}

function boolRw(): PropertySpec {
  return { mode: [...rw], type: 'boolean', value: { r: [false, true], w: [false, true] } };
}

function boolRo(): PropertySpec {
  return { mode: [...ro], type: 'boolean', value: { r: [false, true] } };
}

function numberSpec(mode: AccessMode[]): PropertySpec {
  return { mode: [...mode], type: 'number' };
}

function rangeRw(min: number, max: number, step: number, unit?: string): PropertySpec {
  return {
    mode: [...rw],
    type: 'range',
    value: { r: { min, max, step }, w: { min, max, step } },
    ...(unit ? { unit } : {}),
  };
}

/** The seed page's air purifier profile, verbatim. */
export function airPurifierProfile(): DeviceProfile {
  return {
    notification: {
      push: ['LACK_OF_WATER', 'POLLUTION_IS_HIGH', 'TIME_TO_CLEAN_FILTER', 'TIME_TO_CHANGE_FILTER'],
    },
    property: {
      airFlow: {
        windStrength: enumRw(['MID', 'LOW', 'POWER', 'HIGH', 'AUTO']),
      },
      airPurifierJobMode: {
        currentJobMode: enumRw(['DUAL_CLEAN', 'AUTO', 'CLEAN', 'CIRCULATOR']),
      },
      airQualitySensor: {
        PM1: numberSpec(ro),
        PM10: numberSpec(ro),
        PM2: numberSpec(ro),
        humidity: numberSpec(ro),
        monitoringEnabled: enumRo(['ON_WORKING', 'ALWAYS']),
        oder: numberSpec(ro),
        totalPollution: numberSpec(ro),
      },
      operation: {
        airPurifierOperationMode: enumRw(['POWER_ON', 'POWER_OFF']),
      },
      timer: {
        absoluteHourToStart: numberSpec(rw),
        absoluteHourToStop: numberSpec(rw),
        absoluteMinuteToStart: numberSpec(rw),
        absoluteMinuteToStop: numberSpec(rw),
      },
    },
  };
}

export function airConditionerProfile(): DeviceProfile {
  return {
    notification: { push: ['WATER_IS_FULL', 'TIME_TO_CHANGE_FILTER'] },
    error: ['COMMUNICATION_ERROR', 'FAN_MOTOR_ERROR', 'COMPRESSOR_ERROR'],
    property: {
      airConJobMode: {
        currentJobMode: enumRw(['COOL', 'AIR_DRY', 'FAN', 'AUTO']),
      },
      operation: {
        airConOperationMode: enumRw(['POWER_ON', 'POWER_OFF']),
      },
      temperature: {
        currentTemperature: numberSpec(ro),
        targetTemperature: rangeRw(18, 30, 0.5),
        unit: enumRo(['C']),
      },
      airFlow: {
        windStrength: enumRw(['LOW', 'MID', 'HIGH', 'AUTO']),
      },
      powerSave: {
        powerSaveEnabled: boolRw(),
      },
      remoteControlEnable: {
        remoteControlEnabled: boolRo(),
      },
      timer: {
        relativeHourToStop: rangeRw(0, 24, 1),
        relativeMinuteToStop: rangeRw(0, 50, 10),
      },
    },
  };
}

export function refrigeratorProfile(): DeviceProfile {
  return {
    notification: { push: ['DOOR_IS_OPEN', 'TIME_TO_CHANGE_WATER_FILTER'] },
    property: {
      doorStatus: [{ locationName: 'MAIN', doorState: enumRo(['OPEN', 'CLOSE']) }],
      refrigeration: {
        expressMode: boolRw(),
        freshAirFilter: enumRw(['OFF', 'AUTO', 'POWER', 'REPLACE']),
      },
      temperature: [
        { locationName: 'FRIDGE', targetTemperature: rangeRw(1, 7, 1), unit: enumRo(['C']) },
        { locationName: 'FREEZER', targetTemperature: rangeRw(-23, -15, 1), unit: enumRo(['C']) },
      ],
    },
  };
}

const WASH_STATES = [
  'POWER_OFF',
  'INITIAL',
  'PAUSE',
  'DETECTING',
  'RUNNING',
  'RINSING',
  'SPINNING',
  'DRYING',
  'END',
  'ERROR',
];

/** Washers and washtower washers share this profile. */
export function washerProfile(): DeviceProfile {
  return {
    notification: { push: ['WASHING_IS_COMPLETE', 'ERROR_DURING_WASHING'] },
    error: ['DOOR_OPEN_ERROR', 'UNBALANCED_LOAD_ERROR', 'WATER_SUPPLY_ERROR'],
    property: {
      runState: { currentState: enumRo(WASH_STATES) },
      operation: {
        washerOperationMode: {
          mode: [...wo],
          type: 'enum',
          value: { w: ['START', 'STOP', 'POWER_OFF', 'WAKE_UP'] },
        },
      },
      remoteControlEnable: { remoteControlEnabled: boolRo() },
      timer: {
        remainHour: numberSpec(ro),
        remainMinute: numberSpec(ro),
        totalHour: numberSpec(ro),
        totalMinute: numberSpec(ro),
        relativeHourToStop: rangeRw(0, 19, 1),
      },
      detergent: { detergentSetting: enumRw(['NORMAL', 'MORE', 'LESS']) },
    },
  };
}

export function dryerProfile(): DeviceProfile {
  return {
    notification: { push: ['DRYING_IS_COMPLETE', 'DRYING_FAILED'] },
    error: ['DOOR_OPEN_ERROR', 'HIGH_TEMPERATURE_DETECTION_ERROR'],
    property: {
      runState: { currentState: enumRo(WASH_STATES) },
      operation: {
        dryerOperationMode: {
          mode: [...wo],
          type: 'enum',
          value: { w: ['START', 'STOP', 'POWER_OFF', 'WAKE_UP'] },
        },
      },
      remoteControlEnable: { remoteControlEnabled: boolRo() },
      timer: {
        remainHour: numberSpec(ro),
        remainMinute: numberSpec(ro),
        totalHour: numberSpec(ro),
        totalMinute: numberSpec(ro),
      },
    },
  };
}

export function isLocatedResource(
  spec: ResourceSpec | LocatedResourceSpec,
): spec is LocatedResourceSpec {
  return Array.isArray(spec);
}
