import type {
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  airConditionerProfile,
  airPurifierProfile,
  dryerProfile,
  refrigeratorProfile,
  washerProfile,
  type DeviceProfile,
  type PropertySpec,
} from '../../upstreams/thinq/vendor/device-profiles.vendor';

/**
 * The appliance status and command schemas per device type, for the spec (and so the SDK's
 * types). They are built from the ThinQ profiles of each type (the seed's and the vendor's, as the
 * simulator serves them): a status schema lists the readable resources and properties with their
 * value types and enums, a command schema what the profile lets one write.
 *
 * Never stricter than the vendor: every object admits more properties (models vary), a status
 * of a type not listed here is `OtherApplianceStatus`, and the command body is `anyOf` the typed
 * commands and the generic partial status, so the spec admits whatever the command validator
 * (the judge at run time, from the device's own profile) may accept.
 */
export interface TypedDevice {
  /** The schema name stem: `AirConditioner` -> `AirConditionerStatus`, `AirConditionerCommand`. */
  name: string;
  /** ThinQ's `deviceType` values sharing this profile. */
  deviceTypes: string[];
  profile: () => DeviceProfile;
}

export const TYPED_DEVICES: TypedDevice[] = [
  {
    name: 'AirConditioner',
    deviceTypes: ['DEVICE_AIR_CONDITIONER'],
    profile: airConditionerProfile,
  },
  { name: 'AirPurifier', deviceTypes: ['DEVICE_AIR_PURIFIER'], profile: airPurifierProfile },
  { name: 'Refrigerator', deviceTypes: ['DEVICE_REFRIGERATOR'], profile: refrigeratorProfile },
  {
    name: 'Washer',
    deviceTypes: ['DEVICE_WASHER', 'DEVICE_WASHTOWER_WASHER'],
    profile: washerProfile,
  },
  { name: 'Dryer', deviceTypes: ['DEVICE_DRYER', 'DEVICE_WASHTOWER_DRYER'], profile: dryerProfile },
];

export const TYPED_DEVICE_TYPES: string[] = TYPED_DEVICES.flatMap((device) => device.deviceTypes);

/**
 * Other device types ThinQ Connect documents (the vendor's docs and SDKs), for the SDK's types
 * only (`x-documented-values`): the spec admits any other string, since ThinQ adds types.
 */
export const OTHER_DOCUMENTED_DEVICE_TYPES: string[] = [
  'DEVICE_AIR_PURIFIER_FAN',
  'DEVICE_CEILING_FAN',
  'DEVICE_COOKTOP',
  'DEVICE_DEHUMIDIFIER',
  'DEVICE_DISH_WASHER',
  'DEVICE_HOME_BREW',
  'DEVICE_HOOD',
  'DEVICE_HUMIDIFIER',
  'DEVICE_KIMCHI_REFRIGERATOR',
  'DEVICE_MICROWAVE_OVEN',
  'DEVICE_OVEN',
  'DEVICE_PLANT_CULTIVATOR',
  'DEVICE_ROBOT_CLEANER',
  'DEVICE_STICK_CLEANER',
  'DEVICE_STYLER',
  'DEVICE_SYSTEM_BOILER',
  'DEVICE_VENTILATOR',
  'DEVICE_WASHCOMBO_MAIN',
  'DEVICE_WASHCOMBO_MINI',
  'DEVICE_WATER_HEATER',
  'DEVICE_WATER_PURIFIER',
  'DEVICE_WINE_CELLAR',
];

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

function isSpec(value: unknown): value is PropertySpec {
  return typeof value === 'object' && value !== null && 'type' in value && 'mode' in value;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** What a report may hold beyond the values the profile lists: a device of another model or region. */
const knownValues = (values: unknown[]) =>
  values.length > 0
    ? {
        description: `Values the profile lists: ${values.join(', ')} (a device may report others).`,
      }
    : {};

/**
 * The schema of a value as the device reports it (`value.r`), or undefined when not readable. Its
 * values stay open: the profiles the gateway knows are the simulator's and the vendor's published
 * ones, and a real device of another model or region reports values they do not list (a US unit's
 * `F`, an air conditioner in `HEAT`); the answer's schema must not be stricter than the vendor.
 */
function readSchema(spec: PropertySpec): SchemaObject | undefined {
  if (!spec.mode.includes('r')) return undefined;
  const values = list(spec.value?.r);
  switch (spec.type) {
    case 'enum':
      return { type: 'string', ...knownValues(values) };
    case 'boolean':
      return { type: 'boolean' };
    case 'range':
    case 'number':
      return { type: 'number' };
    case 'list':
      return { type: 'array', items: { type: 'string' }, ...knownValues(values) };
    case 'string':
      return { type: 'string' };
  }
}

/** The schema of a value a command may set (`value.w`), or undefined when not writable. */
function writeSchema(spec: PropertySpec): SchemaObject | undefined {
  if (!spec.mode.includes('w')) return undefined;
  const allowed = spec.value?.w;
  const values = list(allowed);
  switch (spec.type) {
    case 'enum':
      return values.length > 0 ? { type: 'string', enum: values } : { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'range': {
      const range = allowed as { min?: number; max?: number; step?: number } | undefined;
      return {
        type: 'number',
        ...(typeof range?.min === 'number' ? { minimum: range.min } : {}),
        ...(typeof range?.max === 'number' ? { maximum: range.max } : {}),
        ...(typeof range?.step === 'number'
          ? { description: `${range.min} to ${range.max}, in steps of ${range.step}` }
          : {}),
      };
    }
    case 'number':
      return { type: 'number' };
    case 'list':
      return { type: 'array', items: values.length > 0 ? { enum: values } : {} };
    case 'string':
      return { type: 'string' };
  }
}

function properties(
  specs: Record<string, unknown>,
  schemaOf: (spec: PropertySpec) => SchemaObject | undefined,
): Record<string, SchemaObject> {
  const out: Record<string, SchemaObject> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const schema = isSpec(spec) ? schemaOf(spec) : undefined;
    if (schema) out[name] = schema;
  }
  return out;
}

/** The status schema of a type: its readable resources, `deviceType` first. */
function statusSchema(device: TypedDevice): SchemaObject {
  const resources: Record<string, SchemaObject> = {};
  for (const [name, spec] of Object.entries(device.profile().property)) {
    if (Array.isArray(spec)) {
      const merged: Record<string, unknown> = {};
      for (const entry of spec) Object.assign(merged, entry);
      const props = properties(merged, readSchema);
      if (Object.keys(props).length === 0) continue;
      resources[name] = {
        type: 'array',
        description: `Located: one entry per \`locationName\` (${spec.map((e) => e.locationName).join(', ')} on the simulated model).`,
        items: {
          type: 'object',
          required: ['locationName'],
          properties: { locationName: { type: 'string' }, ...props },
          additionalProperties: true,
        },
      };
      continue;
    }
    const props = properties(spec, readSchema);
    if (Object.keys(props).length === 0) continue;
    resources[name] = { type: 'object', properties: props, additionalProperties: true };
  }
  return {
    title: `${device.name}Status`,
    type: 'object',
    description: `The status of a ${device.deviceTypes.join(' or ')}: the resources its ThinQ profile reports. Every resource and property is optional (models vary) and more may be present.`,
    required: ['deviceType'],
    properties: {
      deviceType: { type: 'string', enum: [...device.deviceTypes] },
      ...resources,
    },
    additionalProperties: true,
  };
}

/** The command schema of a type: the writable properties, with the values `value.w` allows. */
function commandSchema(device: TypedDevice): SchemaObject | undefined {
  const resources: Record<string, SchemaObject> = {};
  for (const [name, spec] of Object.entries(device.profile().property)) {
    if (Array.isArray(spec)) {
      const entries = spec
        .map((entry): SchemaObject | undefined => {
          const props = properties(entry, writeSchema);
          if (Object.keys(props).length === 0) return undefined;
          return {
            type: 'object',
            required: ['locationName'],
            minProperties: 2,
            properties: { locationName: { type: 'string', enum: [entry.locationName] }, ...props },
          };
        })
        .filter((entry): entry is SchemaObject => entry !== undefined);
      if (entries.length === 0) continue;
      const entry: SchemaObject = entries.length === 1 ? entries[0] : { oneOf: entries };
      resources[name] = { oneOf: [entry, { type: 'array', minItems: 1, items: entry }] };
      continue;
    }
    const props = properties(spec, writeSchema);
    if (Object.keys(props).length === 0) continue;
    resources[name] = { type: 'object', minProperties: 1, properties: props };
  }
  if (Object.keys(resources).length === 0) return undefined;
  return {
    title: `${device.name}Command`,
    type: 'object',
    description: `A command for a ${device.deviceTypes.join(' or ')}: what its ThinQ profile lets one write. The device's own profile decides (a model may take more or fewer values).`,
    minProperties: 1,
    properties: resources,
  };
}

/** The generic status fallback: a device type without a typed schema. */
const OTHER_STATUS: SchemaObject = {
  title: 'OtherApplianceStatus',
  type: 'object',
  description:
    'The status of a device type without a typed schema: resources by name, shaped by the device profile.',
  required: ['deviceType'],
  properties: {
    deviceType: {
      type: 'string',
      not: { enum: TYPED_DEVICE_TYPES },
      example: 'DEVICE_ROBOT_CLEANER',
      'x-documented-values': OTHER_DOCUMENTED_DEVICE_TYPES,
    } as SchemaObject,
  },
  additionalProperties: true,
};

/** The component schemas: `<Type>Status`, `<Type>Command`, `OtherApplianceStatus`. */
export function applianceTypeSchemas(): Record<string, SchemaObject> {
  const schemas: Record<string, SchemaObject> = { OtherApplianceStatus: OTHER_STATUS };
  for (const device of TYPED_DEVICES) {
    schemas[`${device.name}Status`] = statusSchema(device);
    const command = commandSchema(device);
    if (command) schemas[`${device.name}Command`] = command;
  }
  return schemas;
}

/** `oneOf` the typed statuses and the fallback (the `deviceType` enums tell them apart). */
export const STATUS_VARIANTS: ReferenceObject[] = [
  ...TYPED_DEVICES.map((device) => ref(`${device.name}Status`)),
  ref('OtherApplianceStatus'),
];

/** The typed commands (the generic partial status is added beside them). */
export const COMMAND_VARIANTS: ReferenceObject[] = TYPED_DEVICES.filter(
  (device) => commandSchema(device) !== undefined,
).map((device) => ref(`${device.name}Command`));
