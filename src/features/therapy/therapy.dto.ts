import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  DecimalIdParam,
  DeviceIdText,
  INT32_MAX,
  OptionalNotNull,
  TIMESTAMP,
  VISIBLE_ASCII,
} from '../../common/validation/dto-rules';

export const FINISH_REASONS = [
  'in_progress',
  'normal',
  'button',
  'app',
  'faulty_contact',
  'factory',
  'unknown',
] as const;

export const FINISH_DOC =
  'How the session ended: 0 in progress, 1 normal, 2 power button, 3 stopped from the app, ' +
  '4 poor electrode contact, 7 factory test (the vendor documents these as its best guess).';
export const REASON_DOC =
  '`finishFlag` in words: 0 `in_progress`, 1 `normal`, 2 `button`, 3 `app`, 4 `faulty_contact`, ' +
  '7 `factory`, any other `unknown`.';
export const INT32 = INT32_MAX;
/** Serial codes and unique ids: Nueyne documents only "string" (examples `test1`, `1`). */
const DEVICE_ID_TEXT = VISIBLE_ASCII;
const TIMESTAMP_MESSAGE = '$property must be an RFC 3339 timestamp with an offset (year from 0100)';
/**
 * A MAC id as Nueyne has it: "optional string", and its own examples are `test1234` and a date
 * (`2023-06-29 15:07:25`, from the old server). Any printable ASCII (space included), nothing
 * that cannot travel in a query string as it is.
 */
const MAC_ID_TEXT = /^[\x20-\x7E]+$/;

/** RFC 3339 date and time with `Z` or `±HH:MM`. */
export function IsTimestamp(): PropertyDecorator {
  return (target, key) => {
    Matches(TIMESTAMP, { message: TIMESTAMP_MESSAGE })(target, key);
    IsISO8601({ strict: true }, { message: TIMESTAMP_MESSAGE })(target, key);
  };
}

export function Id(description: string, example: number): PropertyDecorator {
  return (target, key) => {
    ApiProperty({
      type: 'integer',
      format: 'int32',
      example,
      minimum: 1,
      maximum: INT32,
      description,
    })(target, key);
    IsInt()(target, key);
    Min(1)(target, key);
    Max(INT32)(target, key);
  };
}

export function UniqueId(description: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({
      example: '270038000C50524833343720',
      minLength: 1,
      maxLength: 64,
      pattern: DEVICE_ID_TEXT.source,
      description: `${description} Visible ASCII, no spaces.`,
    })(target, key);
    IsString()(target, key);
    Length(1, 64)(target, key);
    Matches(DEVICE_ID_TEXT, {
      message: '$property may hold visible ASCII characters only (no spaces)',
    })(target, key);
  };
}

// ------------------------------------------------------------------------------------------
// Devices

export class TherapyDeviceDto {
  @ApiProperty({ example: 1, description: 'The device id (used by logs and last-used).' })
  id!: number;
  @ApiProperty({ type: String, nullable: true, example: 'test' })
  serialCode!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 1, description: 'The owning Legacy user.' })
  userId!: number | null;
  @ApiProperty({ example: 2 })
  modelId!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2023-06-29 15:07:25',
    description: 'As Nueyne stores it; devices migrated from the old server hold odd values here.',
  })
  macId!: string | null;
  @ApiProperty({ example: '270038000C50524833343720' })
  uniqueId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'ELEXIR' })
  modelName!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2023-06-01T00:00:00Z',
  })
  registeredAt!: string | null;
}

export class CheckedTherapyDeviceDto {
  @ApiProperty({ example: 1 })
  id!: number;
  @ApiProperty({ type: String, nullable: true, example: 'SL20301004' })
  serialCode!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: null,
    description: 'The owner when the device is already registered to this user; null when free.',
  })
  userId!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'C8:F0:9E:41:AD:12' })
  macId!: string | null;
  @ApiProperty({ example: 2 })
  modelId!: number;
  @ApiProperty({ example: '2E0031000C50524833343723' })
  uniqueId!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2024-11-28T04:19:43.007Z',
  })
  registeredAt!: string | null;
}

export class UniqueIdQueryDto {
  @UniqueId('The device uuid (Nueyne upper-cases it).')
  uniqueId!: string;
}

export class UniqueIdParamsDto {
  @UniqueId('The device uuid (Nueyne upper-cases it).')
  uniqueId!: string;
}

export class DeviceIdParamsDto {
  @DecimalIdParam('The device id (`id` in GET /v1/therapy/devices).')
  deviceId!: number;
}

export class RegisterTherapyDeviceDto {
  @DeviceIdText('SL20301004', 'The serial code (visible ASCII, no spaces).')
  serialCode!: string;

  @ApiPropertyOptional({
    example: 'C8:F0:9E:41:AD:12',
    minLength: 1,
    maxLength: 64,
    pattern: MAC_ID_TEXT.source,
    description:
      'The device MAC address as Nueyne keeps it (optional there, and free text: its own examples ' +
      'are `test1234` and `2023-06-29 15:07:25`): printable ASCII, up to 64 characters. Not null.',
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 64)
  @Matches(MAC_ID_TEXT, { message: 'macId may hold printable ASCII characters only' })
  macId?: string;

  @UniqueId('The device uuid (Nueyne upper-cases it).')
  uniqueId!: string;
}

export class DeviceLastUseDto {
  @ApiProperty({ example: 1 })
  deviceId!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2025-04-11T15:58:00Z',
    description: 'When the latest recorded use started.',
  })
  lastUsedAt!: string | null;
}

// ------------------------------------------------------------------------------------------
// Logs

export class TherapyLogInputDto {
  @Id('The member (child account) who used the device.', 2)
  userId!: number;

  @Id('The device model.', 2)
  modelId!: number;

  @Id('The device.', 2)
  deviceId!: number;

  @ApiProperty({ example: 22.0, minimum: 0, description: 'Firmware version (a number).' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  firmwareVersion!: number;

  @ApiProperty({
    example: '2025-04-11T15:58:00Z',
    format: 'date-time',
    pattern: TIMESTAMP.source,
    description: 'When the use started; RFC 3339 with an offset.',
  })
  @IsTimestamp()
  loggedAt!: string;

  @ApiProperty({ type: 'integer', example: 1, enum: [0, 1], description: 'Therapy mode (0 or 1).' })
  @IsInt()
  @IsIn([0, 1])
  mode!: number;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    example: 1,
    minimum: 0,
    maximum: INT32,
    description: FINISH_DOC,
  })
  @IsInt()
  @Min(0)
  @Max(INT32)
  finishFlag!: number;

  @ApiProperty({ example: 161.0, minimum: 0, description: 'Last intensity (a number).' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  lastIntensity!: number;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    example: 1200,
    minimum: 0,
    maximum: INT32,
    description: 'Seconds of use.',
  })
  @IsInt()
  @Min(0)
  @Max(INT32)
  treatmentTime!: number;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    example: 2,
    minimum: 0,
    maximum: INT32,
    description: 'Event count of the session.',
  })
  @IsInt()
  @Min(0)
  @Max(INT32)
  eventNum!: number;

  @ApiProperty({
    example: '06008101f793466e1100800cb0043304',
    minLength: 1,
    description: 'The raw device log (as long as the body limit allows).',
  })
  @IsString()
  @Length(1)
  logData!: string;
}

export class TherapyLogDto {
  @ApiPropertyOptional({ example: 3, description: 'Stored logs only (the monthly list).' })
  id?: number;
  @ApiProperty({ example: 2 })
  userId!: number;
  @ApiProperty({ example: 2 })
  modelId!: number;
  @ApiProperty({ example: 2 })
  deviceId!: number;
  @ApiProperty({ example: 22.0 })
  firmwareVersion!: number;
  @ApiProperty({ example: '2025-04-11T15:58:00Z', format: 'date-time' })
  loggedAt!: string;
  @ApiProperty({ example: 1 })
  mode!: number;
  @ApiProperty({ example: 1, description: FINISH_DOC })
  finishFlag!: number;
  @ApiProperty({ enum: FINISH_REASONS, example: 'normal', description: REASON_DOC })
  finishReason!: string;
  @ApiProperty({ example: 161.0 })
  lastIntensity!: number;
  @ApiProperty({ example: 1200, description: 'Seconds.' })
  treatmentTime!: number;
  @ApiProperty({ example: 2 })
  eventNum!: number;
  @ApiProperty({ example: '06008101f793466e1100800cb0043304' })
  logData!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2025-04-11T23:14:56Z',
    description: 'When Nueyne stored it (stored logs only).',
  })
  registeredAt?: string | null;
}

export class TherapyLogsQueryDto {
  @ApiPropertyOptional({
    example: '2025-04',
    pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
    description: 'The month, `YYYY-MM`; the current month (in the Nueyne time zone) when omitted.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

// ------------------------------------------------------------------------------------------
// Live sessions
