import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsOptional,
  IsString,
  Length,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import type {
  ConferenceLicense,
  ConferenceSession,
  ConferenceSessionStatus,
  ConferenceUsage,
  ConferenceUsageRow,
} from '../../upstreams/interwater/interwater.models';

const SESSION_STATUSES: ConferenceSessionStatus[] = ['WAIT', 'ON_GOING'];
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for `YYYY-MM-DD` that names a real calendar day (`2021-02-30` is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** `YYYY-MM-DD` and a real calendar date. */
function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a date as YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/** Not before the (valid) date in `other`; a missing or invalid `other` is reported on its own. */
function IsNotBefore(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `$property must not be before ${other}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const start = (args.object as Record<string, unknown>)[other];
          if (!isCalendarDate(value) || !isCalendarDate(start)) return true;
          // Same-length YYYY-MM-DD strings order as the days they name.
          return value >= start;
        },
      },
    });
}

// ------------------------------------------------------------------------------------------
// Requests

/** `GET /v1/conference/usage` query. */
export class ConferenceUsageQueryDto {
  @ApiProperty({
    type: String,
    format: 'date',
    example: '2021-02-20',
    description: 'First day (UTC), inclusive. Required.',
  })
  @IsCalendarDate()
  from!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2021-02-25',
    description:
      'Last day (UTC), inclusive; not before `from`. Without it the range runs to now, so the ' +
      'answer grows as sessions end.',
  })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;
}

/** `GET /v1/conference/sessions/{roomName}` path. */
export class ConferenceRoomParamsDto {
  @ApiProperty({
    example: 'gsdagd',
    minLength: 1,
    maxLength: 100,
    description:
      'The room name as Interwater lists it: up to 100 characters, any of them (percent-encoded).',
  })
  @IsString()
  @Length(1, 100)
  roomName!: string;
}

// ------------------------------------------------------------------------------------------
// Answers

/** `GET /v1/conference/license`. */
export class ConferenceLicenseDto implements ConferenceLicense {
  @ApiProperty({ example: 'trial', description: 'The license domain.' })
  domain!: string;

  @ApiProperty({ type: 'integer', example: 10, description: 'How many rooms the license allows.' })
  roomLimit!: number;

  @ApiProperty({
    example: true,
    description: 'Whether the license is active (Interwater sends 0 or 1).',
  })
  enabled!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2020-12-22T15:00:00.000Z',
    description: 'When the license was created, ISO 8601 in UTC.',
  })
  createdAt!: string;
}

/** One room in session. */
export class ConferenceSessionDto implements ConferenceSession {
  @ApiProperty({ example: 'gsdagd' })
  roomName!: string;

  @ApiProperty({
    enum: SESSION_STATUSES,
    example: 'ON_GOING',
    description: '`WAIT`: the room is open and waiting; `ON_GOING`: the meeting is running.',
  })
  status!: ConferenceSessionStatus;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2,
    description: 'How many participants are in the room now (Interwater\u2019s name, kept).',
  })
  user!: number;
}

/** One finished session in a usage report. */
export class ConferenceUsageRowDto implements ConferenceUsageRow {
  @ApiProperty({ example: 'gsdagd' })
  roomName!: string;

  @ApiProperty({
    type: 'integer',
    example: 42936,
    description: 'How long the session lasted, in seconds.',
  })
  sessionTimeSecond!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2021-02-22T12:39:26.000Z',
    description: 'When the session started, ISO 8601 in UTC.',
  })
  createdAt!: string;
}

/** `GET /v1/conference/usage`. */
export class ConferenceUsageDto implements ConferenceUsage {
  @ApiProperty({ example: 'https://readme.interwater.biz', description: 'The license domain.' })
  domain!: string;

  @ApiProperty({
    type: 'integer',
    example: 49951,
    description: 'Sum of `sessionTimeSecond` over `detail`, in seconds.',
  })
  totalSecond!: number;

  @ApiProperty({
    type: [ConferenceUsageRowDto],
    description:
      'Every session that started in the range, in Interwater\u2019s order (newest first).',
  })
  detail!: ConferenceUsageRowDto[];
}
