import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IsString, Length, Matches } from 'class-validator';
import { THINQ_DEVICE_ID } from '../../common/validation/dto-rules';
import { COMMAND_VARIANTS, STATUS_VARIANTS } from './appliance-types';

/** `/v1/appliances/{deviceId}/...` path. */
export class ApplianceParamsDto {
  @ApiProperty({
    example: 'TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435',
    minLength: 1,
    maxLength: 128,
    pattern: THINQ_DEVICE_ID.source,
    description:
      'A device id from GET /v1/appliances. ThinQ documents it only as a string; the gateway ' +
      'takes letters, digits, `.`, `_` and `-`, up to 128 characters.',
  })
  @IsString()
  @Length(1, 128)
  @Matches(THINQ_DEVICE_ID, { message: '$property may hold A-Z a-z 0-9 . _ - only' })
  deviceId!: string;
}

/** One appliance of the linked ThinQ account: ThinQ's `deviceInfo` flattened into the item. */
export class ApplianceDto {
  @ApiProperty({ example: 'TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435' })
  deviceId!: string;
  @ApiProperty({
    example: 'DEVICE_AIR_CONDITIONER',
    description: '`DEVICE_` + AIR_CONDITIONER, AIR_PURIFIER, REFRIGERATOR, WASHER, DRYER, ...',
  })
  deviceType!: string;
  @ApiProperty({ example: 'PAC_910604_KR' })
  modelName!: string;
  @ApiProperty({ example: 'PAC1', description: 'The name the user gave it; may be empty.' })
  alias!: string;
  @ApiProperty({ example: true, description: 'Whether the device reports events.' })
  reportable!: boolean;
  @ApiPropertyOptional({ example: 'standard' })
  codeName?: string;
  @ApiPropertyOptional({
    example: '1692851234567',
    description: 'Only for DEVICE_WASHTOWER_WASHER and DEVICE_WASHTOWER_DRYER: the tower.',
  })
  groupId?: string;
}

const ANY_OBJECT: SchemaObject = { type: 'object', additionalProperties: true };

/** A resource: an object of properties, or (located resources) a list keyed by `locationName`. */
export const RESOURCE_SCHEMA: SchemaObject = {
  oneOf: [ANY_OBJECT, { type: 'array', items: ANY_OBJECT }],
};

export class ApplianceNotificationDto {
  @ApiProperty({ type: [String], example: ['LACK_OF_WATER', 'POLLUTION_IS_HIGH'] })
  push!: string[];
}

/** The seed's air purifier profile (shortened). */
const PROFILE_EXAMPLE = {
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
  airQualitySensor: { PM10: { mode: ['r'], type: 'number' } },
  operation: {
    airPurifierOperationMode: {
      mode: ['r', 'w'],
      type: 'enum',
      value: { r: ['POWER_ON', 'POWER_OFF'], w: ['POWER_ON', 'POWER_OFF'] },
    },
  },
  timer: { absoluteHourToStart: { mode: ['r', 'w'], type: 'number' } },
};

/**
 * What a device can report and take, as ThinQ describes it (generic across device types).
 * Each property: `{type, mode, value?: {r, w}, unit?}` with `type` enum | range | number |
 * boolean | list | string; `mode` has `w` when a command may set it; `value.w` lists the values
 * (enum, boolean, list) or gives `{min, max, step}` (range) a command may use.
 */
export class ApplianceProfileDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: RESOURCE_SCHEMA,
    description:
      'Resources by name; each maps property names to specs. Located resources (a refrigerator\u2019s `temperature`) are lists whose entries carry a `locationName`.',
    example: PROFILE_EXAMPLE,
  })
  property!: Record<string, unknown>;
  @ApiPropertyOptional({ type: ApplianceNotificationDto })
  notification?: ApplianceNotificationDto;
  @ApiPropertyOptional({ type: [String], example: ['FAN_MOTOR_ERROR'] })
  error?: string[];
}

/** The seed's refrigerator status. */
export const STATUS_EXAMPLE = {
  doorStatus: [{ doorState: 'CLOSE', locationName: 'MAIN' }],
  refrigeration: { expressMode: false, freshAirFilter: 'OFF' },
  temperature: [
    { locationName: 'FRIDGE', targetTemperature: 5, unit: 'C' },
    { locationName: 'FREEZER', targetTemperature: -18, unit: 'C' },
  ],
};

/**
 * A device status: `deviceType` and resources by name, shaped by the device's profile; one schema
 * per device type (appliance-types.ts), told apart by `deviceType`.
 */
export const STATUS_SCHEMA: SchemaObject = {
  title: 'ApplianceStatus',
  description:
    'The device\u2019s current state: its `deviceType` (as `GET /v1/appliances` gives it) and resources by name, each an object of property values or, for located resources, a list of them with a `locationName`. The shape follows the device profile; the schema of each device type the gateway knows lists its resources and values, `OtherApplianceStatus` stands for any other type. Narrow on `deviceType`.',
  oneOf: STATUS_VARIANTS,
  example: { deviceType: 'DEVICE_REFRIGERATOR', ...STATUS_EXAMPLE },
};

/** Any command: a partial status, as the validator reads it. */
const GENERIC_COMMAND: SchemaObject = {
  title: 'GenericApplianceCommand',
  type: 'object',
  description:
    'A partial status `{<resource>: {<property>: value}}`, for any device type (the device profile decides).',
  minProperties: 1,
  additionalProperties: RESOURCE_SCHEMA,
};

/** A control command: a typed command of a known device type, or any partial status. */
export const COMMAND_SCHEMA: SchemaObject = {
  title: 'ApplianceCommand',
  description:
    'A partial status `{<resource>: {<property>: value}}`. Each property must exist in the profile with `w` in its `mode`; enum values must be in `value.w`; ranges respect `min`, `max` and `step`; booleans and numbers must have that type. Located resources are addressed by `locationName`, as one object or a list of them. The typed commands (`AirConditionerCommand`...) say what the profile of each known device type lets one write; the device\u2019s own profile is the judge, so any partial status is admitted here and checked at run time.',
  anyOf: [...COMMAND_VARIANTS, GENERIC_COMMAND],
};

export const COMMAND_EXAMPLES = {
  seed: {
    summary: 'Express mode on (the seed\u2019s example)',
    value: { refrigeration: { expressMode: true } },
  },
  located: {
    summary: 'Freezer target temperature',
    value: { temperature: { locationName: 'FREEZER', targetTemperature: -20 } },
  },
  airConditioner: {
    summary: 'Air conditioner: cool at 22.5 \u00b0C',
    value: { airConJobMode: { currentJobMode: 'COOL' }, temperature: { targetTemperature: 22.5 } },
  },
};
