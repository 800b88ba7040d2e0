import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsOptional,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import { NotNull, TIMESTAMP } from '../../common/validation/dto-rules';
import {
  FINISH_DOC,
  FINISH_REASONS,
  Id,
  INT32,
  IsTimestamp,
  REASON_DOC,
  UniqueId,
} from './therapy.dto';

/** The body and answer of `POST /v1/therapy/live-sessions` (Legacy's temp logs). */
/** A finish carries a finishFlag of 1 or more; a start none, or 0. */
function FinishFlagFitsEndedAt(): PropertyDecorator {
  return (target, key) =>
    registerDecorator({
      name: 'finishFlagFitsEndedAt',
      target: target.constructor,
      propertyName: String(key),
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const ended = (args.object as LiveSessionInputDto).endedAt !== undefined;
          return ended
            ? typeof value === 'number' && value >= 1
            : value === undefined || value === 0;
        },
        defaultMessage(args: ValidationArguments) {
          return (args.object as LiveSessionInputDto).endedAt !== undefined
            ? 'finishFlag (1 or more) is required with endedAt'
            : 'finishFlag is only allowed with endedAt (a start is always 0)';
        },
      },
    });
}

/** endedAt is not before startedAt. */
function NotBeforeStart(): PropertyDecorator {
  return (target, key) =>
    registerDecorator({
      name: 'notBeforeStart',
      target: target.constructor,
      propertyName: String(key),
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const start = Date.parse(String((args.object as LiveSessionInputDto).startedAt));
          const end = Date.parse(String(value));
          return Number.isNaN(start) || Number.isNaN(end) || end >= start;
        },
        defaultMessage: () => 'endedAt must not be before startedAt',
      },
    });
}

export class LiveSessionInputDto {
  @Id('The member (child account) using the device.', 2)
  userId!: number;

  @Id('The device model.', 2)
  modelId!: number;

  @Id('The device.', 2)
  deviceId!: number;

  @UniqueId('The device uuid.')
  uniqueId!: string;

  @ApiProperty({
    example: '2025-04-14T03:53:49.261Z',
    format: 'date-time',
    pattern: TIMESTAMP.source,
    description: 'When the session started; the finish call must repeat the same value.',
  })
  @IsTimestamp()
  startedAt!: string;

  @ApiPropertyOptional({
    type: String,
    example: '2025-04-14T04:53:49.261Z',
    format: 'date-time',
    pattern: TIMESTAMP.source,
    nullable: true,
    description:
      'When the session ended, not before `startedAt`. Absent or null: this call records the ' +
      'start (the answer says null while the session runs).',
  })
  // null means what the answer's null means: not ended yet.
  @Transform(({ value }: { value: unknown }) => (value === null ? undefined : value))
  @IsOptional()
  @IsTimestamp()
  @NotBeforeStart()
  endedAt?: string;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    example: 1,
    minimum: 0,
    maximum: INT32,
    description: `${FINISH_DOC} Required with endedAt (1 or more); absent (or 0) on a start. Not null.`,
  })
  @ValidateIf((o: LiveSessionInputDto) => o.finishFlag !== undefined || o.endedAt !== undefined)
  @NotNull()
  @IsDefined({ message: 'finishFlag (1 or more) is required with endedAt' })
  @IsInt()
  @Min(0)
  @Max(INT32)
  @FinishFlagFitsEndedAt()
  finishFlag?: number;
}

export class LiveSessionDto {
  @ApiProperty({ example: 2 })
  userId!: number;
  @ApiProperty({ example: 2 })
  modelId!: number;
  @ApiProperty({ example: 2 })
  deviceId!: number;
  @ApiProperty({ example: '270038000C50524833343720' })
  uniqueId!: string;
  @ApiProperty({ example: 1, description: FINISH_DOC })
  finishFlag!: number;
  @ApiProperty({ enum: FINISH_REASONS, example: 'normal', description: REASON_DOC })
  finishReason!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2025-04-14T03:53:49.261Z',
  })
  startedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2025-04-14T04:53:49.261Z',
    description: 'Null while the session runs.',
  })
  endedAt!: string | null;
}
