import type { DeviceRecord, DeviceStatus, JsonObject, JsonValue } from './demo-data';
import { ThinqError } from './errors';
import {
  isLocatedResource,
  type LocatedResourceEntry,
  type PropertySpec,
  type RangeValue,
} from '../../upstreams/thinq/vendor/device-profiles.vendor';
import { isObject } from '../../common/is-object';

/** One property a control command sets, after it was checked against the profile. */
export interface Assignment {
  resource: string;
  locationName?: string;
  property: string;
  value: JsonValue;
  spec: PropertySpec;
}

/**
 * Properties a command may repeat although they are read-only, as long as the value equals
 * the current status (LG's SDK sends `unit` next to a target temperature, and `locationName`
 * addresses an entry of a located resource).
 */
const QUALIFIERS = new Set(['unit']);

function invalid(message: string): ThinqError {
  return new ThinqError('2207', `Invalid command: ${message}`);
}

/** Checks a control body against the device profile; returns what it sets or throws 2207. */
export function parseCommand(device: DeviceRecord, body: unknown): Assignment[] {
  if (!isObject(body) || Object.keys(body).length === 0) {
    throw invalid('the command must be a non-empty object {<resource>: {<property>: value}}');
  }
  const assignments: Assignment[] = [];
  for (const [resource, resourceCommand] of Object.entries(body)) {
    const resourceSpec = device.profile.property[resource];
    if (!resourceSpec) throw invalid(`unknown resource '${resource}'`);
    if (isLocatedResource(resourceSpec)) {
      const entries = Array.isArray(resourceCommand) ? resourceCommand : [resourceCommand];
      if (entries.length === 0) throw invalid(`'${resource}' is empty`);
      for (const entry of entries) {
        if (!isObject(entry) || typeof entry.locationName !== 'string') {
          throw invalid(`'${resource}' must be addressed by locationName`);
        }
        const locationName = entry.locationName;
        const entrySpec = resourceSpec.find((candidate) => candidate.locationName === locationName);
        if (!entrySpec) throw invalid(`unknown locationName '${locationName}' in '${resource}'`);
        const current = locatedStatus(device.status, resource, locationName);
        for (const [property, value] of Object.entries(entry)) {
          if (property === 'locationName') continue;
          const spec = propertyOf(entrySpec, property);
          if (!spec) throw invalid(`unknown property '${resource}.${property}'`);
          const path = `${resource}[${locationName}].${property}`;
          if (isQualifier(spec, property, value, current?.[property])) continue;
          checkValue(spec, value, path);
          assignments.push({ resource, locationName, property, value: value as JsonValue, spec });
        }
      }
    } else {
      if (!isObject(resourceCommand) || Object.keys(resourceCommand).length === 0) {
        throw invalid(`'${resource}' must be a non-empty object`);
      }
      const current = plainStatus(device.status, resource);
      for (const [property, value] of Object.entries(resourceCommand)) {
        const spec = resourceSpec[property];
        if (!spec) throw invalid(`unknown property '${resource}.${property}'`);
        const path = `${resource}.${property}`;
        if (isQualifier(spec, property, value, current?.[property])) continue;
        checkValue(spec, value, path);
        assignments.push({ resource, property, value: value as JsonValue, spec });
      }
    }
  }
  if (assignments.length === 0) throw invalid('the command changes nothing');
  return assignments;
}

function propertyOf(entry: LocatedResourceEntry, property: string): PropertySpec | undefined {
  const spec = entry[property];
  return typeof spec === 'object' ? spec : undefined;
}

function isQualifier(spec: PropertySpec, property: string, value: unknown, current: unknown) {
  return !spec.mode.includes('w') && QUALIFIERS.has(property) && value === current;
}

function checkValue(spec: PropertySpec, value: unknown, path: string): void {
  if (!spec.mode.includes('w')) throw invalid(`'${path}' is not writable`);
  const allowed = spec.value?.w;
  switch (spec.type) {
    case 'enum':
      if (typeof value !== 'string') throw invalid(`'${path}' must be a string`);
      if (Array.isArray(allowed) && !allowed.includes(value)) {
        throw invalid(`'${path}' must be one of ${allowed.join(', ')}`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(`'${path}' must be a boolean`);
      if (Array.isArray(allowed) && !allowed.includes(value)) {
        throw invalid(`'${path}' does not accept ${String(value)}`);
      }
      return;
    case 'range': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw invalid(`'${path}' must be a number`);
      }
      const range = allowed as RangeValue;
      const steps = (value - range.min) / range.step;
      if (value < range.min || value > range.max) {
        throw invalid(`'${path}' must be between ${range.min} and ${range.max}`);
      }
      if (Math.abs(steps - Math.round(steps)) > 1e-9) {
        throw invalid(`'${path}' must be a multiple of ${range.step} from ${range.min}`);
      }
      if (range.except?.includes(value)) throw invalid(`'${path}' does not accept ${value}`);
      return;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw invalid(`'${path}' must be a number`);
      }
      if (/Hour/.test(path) && (!Number.isInteger(value) || value < 0 || value > 23)) {
        throw invalid(`'${path}' must be an hour 0-23`);
      }
      if (/Minute/.test(path) && (!Number.isInteger(value) || value < 0 || value > 59)) {
        throw invalid(`'${path}' must be a minute 0-59`);
      }
      return;
    case 'string':
      if (typeof value !== 'string') throw invalid(`'${path}' must be a string`);
      return;
    case 'list':
      if (!Array.isArray(value)) throw invalid(`'${path}' must be a list`);
      if (Array.isArray(allowed) && value.some((item) => !allowed.includes(item))) {
        throw invalid(`'${path}' items must be among ${allowed.join(', ')}`);
      }
      return;
  }
}

function plainStatus(status: DeviceStatus, resource: string): JsonObject | undefined {
  const value = status[resource];
  return value && !Array.isArray(value) ? value : undefined;
}

function locatedStatus(
  status: DeviceStatus,
  resource: string,
  locationName: string,
): JsonObject | undefined {
  const value = status[resource];
  return Array.isArray(value)
    ? value.find((entry) => entry.locationName === locationName)
    : undefined;
}

function read(status: DeviceStatus, resource: string, property: string): JsonValue | undefined {
  return plainStatus(status, resource)?.[property];
}

function commanded(assignments: Assignment[], resource: string, property: string) {
  return assignments.find((a) => a.resource === resource && a.property === property)?.value;
}

function isOnly(assignments: Assignment[], resource: string, property: string, value: string) {
  return (
    assignments.length === 1 &&
    assignments[0].resource === resource &&
    assignments[0].property === property &&
    assignments[0].value === value
  );
}

const RUNNING_STATES = new Set(['DETECTING', 'RUNNING', 'RINSING', 'SPINNING', 'DRYING']);

/** Device-state rules (2301-2305); call after `parseCommand`. */
export function checkState(device: DeviceRecord, assignments: Assignment[]): void {
  const { status } = device;
  const type = device.deviceInfo.deviceType;
  if (device.error) {
    throw new ThinqError('2303', `Command not supported in error state (${device.error})`);
  }
  if (read(status, 'remoteControlEnable', 'remoteControlEnabled') === false) {
    throw new ThinqError('2301', 'Command not supported in remote off');
  }
  const powerProperty =
    type === 'DEVICE_AIR_PURIFIER'
      ? 'airPurifierOperationMode'
      : type === 'DEVICE_AIR_CONDITIONER'
        ? 'airConOperationMode'
        : undefined;
  if (powerProperty) {
    const power = read(status, 'operation', powerProperty);
    if (power === 'POWER_OFF' && !isOnly(assignments, 'operation', powerProperty, 'POWER_ON')) {
      throw new ThinqError('2304', 'Command not supported in power off');
    }
  }
  if (type === 'DEVICE_AIR_CONDITIONER') {
    const jobMode =
      commanded(assignments, 'airConJobMode', 'currentJobMode') ??
      read(status, 'airConJobMode', 'currentJobMode');
    if (
      jobMode === 'FAN' &&
      commanded(assignments, 'temperature', 'targetTemperature') !== undefined
    ) {
      throw new ThinqError('2305', 'Command not supported in mode: FAN has no target temperature');
    }
    if (jobMode === 'AIR_DRY' && commanded(assignments, 'airFlow', 'windStrength') !== undefined) {
      throw new ThinqError(
        '2305',
        'Command not supported in mode: AIR_DRY fixes the wind strength',
      );
    }
  }
  const laundry = laundryOperation(type);
  if (laundry) {
    const stateValue = read(status, 'runState', 'currentState');
    const state = typeof stateValue === 'string' ? stateValue : '';
    if (state === 'ERROR') throw new ThinqError('2303', 'Command not supported in error state');
    if (state === 'POWER_OFF' && !isOnly(assignments, 'operation', laundry, 'WAKE_UP')) {
      throw new ThinqError('2304', 'Command not supported in power off');
    }
    const operation = commanded(assignments, 'operation', laundry);
    const running = RUNNING_STATES.has(state);
    const notInState = (what: string) =>
      new ThinqError('2302', `Command not supported in state: ${what} while ${state}`);
    if (operation === 'START' && !['INITIAL', 'PAUSE', 'END'].includes(state)) {
      throw notInState('START');
    }
    if (operation === 'STOP' && !running) throw notInState('STOP');
    if (operation === 'WAKE_UP' && state !== 'POWER_OFF') throw notInState('WAKE_UP');
    if (running && assignments.some((a) => a.resource !== 'operation')) {
      throw notInState('changing settings');
    }
  }
}

function laundryOperation(type: string): string | undefined {
  if (type === 'DEVICE_WASHER' || type === 'DEVICE_WASHTOWER_WASHER') return 'washerOperationMode';
  if (type === 'DEVICE_DRYER' || type === 'DEVICE_WASHTOWER_DRYER') return 'dryerOperationMode';
  return undefined;
}

/** Applies a checked command: readable properties land in the status, operations act. */
export function applyCommand(device: DeviceRecord, assignments: Assignment[]): void {
  const { status } = device;
  for (const assignment of assignments) {
    if (!assignment.spec.mode.includes('r')) continue;
    if (assignment.locationName !== undefined) {
      const entry = locatedStatus(status, assignment.resource, assignment.locationName);
      if (entry) {
        entry[assignment.property] = assignment.value;
      } else {
        const list = Array.isArray(status[assignment.resource])
          ? (status[assignment.resource] as JsonObject[])
          : [];
        list.push({
          locationName: assignment.locationName,
          [assignment.property]: assignment.value,
        });
        status[assignment.resource] = list;
      }
    } else {
      const resource = plainStatus(status, assignment.resource) ?? {};
      resource[assignment.property] = assignment.value;
      status[assignment.resource] = resource;
    }
  }
  const laundry = laundryOperation(device.deviceInfo.deviceType);
  const operation = laundry ? commanded(assignments, 'operation', laundry) : undefined;
  if (laundry && typeof operation === 'string') applyLaundryOperation(device, operation);
}

function applyLaundryOperation(device: DeviceRecord, operation: string): void {
  const runState = plainStatus(device.status, 'runState') ?? {};
  const timer = plainStatus(device.status, 'timer') ?? {};
  device.status.runState = runState;
  device.status.timer = timer;
  switch (operation) {
    case 'START': {
      if (runState.currentState !== 'PAUSE') {
        const dryer = laundryOperation(device.deviceInfo.deviceType) === 'dryerOperationMode';
        timer.totalHour = 1;
        timer.totalMinute = dryer ? 20 : 10;
        timer.remainHour = timer.totalHour;
        timer.remainMinute = timer.totalMinute;
      }
      runState.currentState = 'RUNNING';
      return;
    }
    case 'STOP':
      runState.currentState = 'PAUSE';
      return;
    case 'POWER_OFF':
      runState.currentState = 'POWER_OFF';
      timer.remainHour = 0;
      timer.remainMinute = 0;
      return;
    case 'WAKE_UP':
      runState.currentState = 'INITIAL';
      return;
  }
}
