import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { THINQ_DEVICE_ID } from '../../common/validation/dto-rules';
import { RESOURCE_SCHEMA, STATUS_EXAMPLE } from '../appliances/appliance.dto';
import { MAX_CURSOR_DEVICES } from './event-cursor';

const TICKET = /^[A-Za-z0-9_-]{43}$/;
/** The longest Last-Event-ID the gateway writes (64 devices of `<8>.<11>` and commas). */
export const MAX_EVENT_ID_LENGTH = MAX_CURSOR_DEVICES * 21;

/** `GET /v1/appliances/events` query. */
export class ApplianceEventsQueryDto {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 128, pattern: THINQ_DEVICE_ID.source },
    minItems: 1,
    maxItems: MAX_CURSOR_DEVICES,
    example: ['TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435'],
    description:
      'Only these devices (repeat the parameter: `?deviceId=a&deviceId=b`); without it, every ' +
      'appliance of the linked account, and `device-added` / `device-removed` as the list ' +
      'changes. A device the account does not have is 404 `DEVICE_NOT_FOUND`.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === undefined || Array.isArray(value) ? value : [value],
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CURSOR_DEVICES)
  @IsString({ each: true })
  @Length(1, 128, { each: true })
  @Matches(THINQ_DEVICE_ID, { each: true, message: '$property may hold A-Z a-z 0-9 . _ - only' })
  deviceId?: string[];

  @ApiPropertyOptional({
    minLength: 43,
    maxLength: 43,
    pattern: TICKET.source,
    description:
      'A ticket from `POST /v1/appliances/events/tickets`, instead of the `Authorization` header ' +
      '(for `EventSource`, which cannot send headers): single use, valid for 30 s. Never put the ' +
      'access token itself in a URL.',
  })
  @IsOptional()
  @IsString()
  @Matches(TICKET, {
    message: '$property must be a ticket from POST /v1/appliances/events/tickets',
  })
  ticket?: string;

  @ApiPropertyOptional({
    maxLength: MAX_EVENT_ID_LENGTH,
    description:
      'The `id` of the last event received, for a client that cannot send the `Last-Event-ID` ' +
      'header (a new `EventSource` after its ticket was used); the header wins when both are sent.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_EVENT_ID_LENGTH)
  lastEventId?: string;
}

/** `POST /v1/appliances/events/tickets` answer. */
export class EventTicketDto {
  @ApiProperty({
    example: 'm1Jp3k0cQ0hVgJ0o0y8Zx7c1u2V4b5N6m7Q8r9S0t1U',
    pattern: TICKET.source,
    description: 'Use it once, within `expiresIn` seconds, as `?ticket=` on the stream.',
  })
  ticket!: string;
  @ApiProperty({ type: 'integer', example: 30, description: 'Seconds the ticket is valid for.' })
  expiresIn!: number;
}

const DEVICE_ID = {
  type: 'string',
  example: 'TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435',
} as const;

/** Data of `snapshot`. */
export class ApplianceSnapshotEventDto {
  @ApiProperty(DEVICE_ID)
  deviceId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: RESOURCE_SCHEMA,
    example: STATUS_EXAMPLE,
    description:
      'The whole status, as `GET /v1/appliances/{deviceId}/status` answers it (`ApplianceStatus`) but without its `deviceType` (the device list gives it).',
  })
  status!: Record<string, unknown>;
}

/** Data of `status`. */
export class ApplianceStatusEventDto {
  @ApiProperty(DEVICE_ID)
  deviceId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      oneOf: [
        { type: 'object', additionalProperties: true, nullable: true },
        { type: 'array', items: { type: 'object', additionalProperties: true } },
      ],
    },
    example: { temperature: { currentTemperature: 25.5 } },
    description:
      'Only what changed. Merge it into the last status: an object resource property by ' +
      'property, a located list entry by entry on `locationName`; `null` means the property ' +
      '(or the whole resource) is no longer reported.',
  })
  status!: Record<string, unknown>;
}

/** Data of `device-removed`. */
export class ApplianceRemovedEventDto {
  @ApiProperty(DEVICE_ID)
  deviceId!: string;
}

/** Data of `device-error`. */
export class ApplianceErrorEventDto {
  @ApiProperty(DEVICE_ID)
  deviceId!: string;
  @ApiProperty({
    example: 'DEVICE_OFFLINE',
    description: 'The problem code a status read would answer (DEVICE_OFFLINE, UPSTREAM_*...).',
  })
  code!: string;
  @ApiProperty({ type: 'integer', example: 409, minimum: 400, maximum: 599 })
  status!: number;
  @ApiProperty({ example: 'The device is not connected to ThinQ.' })
  detail!: string;
}

/** Data of `notification`. */
export class ApplianceNotificationEventDto {
  @ApiProperty(DEVICE_ID)
  deviceId!: string;
  @ApiProperty({
    example: 'WASHING_IS_COMPLETE',
    description: 'ThinQ\u2019s notification code (`pushCode`): a finished cycle, an open door...',
  })
  code!: string;
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-04T21:30:00.000Z',
    description: 'When the gateway received it.',
  })
  at!: string;
}

/** Data of `quota`. */
export class ApplianceQuotaEventDto {
  @ApiProperty({
    example: true,
    description:
      'True: the linked account’s hourly ThinQ call budget is spent; the stream keeps the last ' +
      'values until it is back (false).',
  })
  exhausted!: boolean;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 60 })
  retryAfterSeconds?: number;
}

/** Data of `shutdown`. */
export class ApplianceShutdownEventDto {
  @ApiProperty({ enum: ['shutdown'], example: 'shutdown' })
  reason!: string;
  @ApiProperty({
    example: 'This instance is shutting down; reconnect (with Last-Event-ID) to carry on.',
  })
  detail!: string;
}

/** The event names of the stream and the schema of each one's `data`. */
export const EVENT_SCHEMAS: Record<string, string> = {
  snapshot: 'ApplianceSnapshotEventDto',
  status: 'ApplianceStatusEventDto',
  'device-added': 'ApplianceDto',
  'device-removed': 'ApplianceRemovedEventDto',
  'device-error': 'ApplianceErrorEventDto',
  notification: 'ApplianceNotificationEventDto',
  quota: 'ApplianceQuotaEventDto',
  error: 'ProblemDto',
  shutdown: 'ApplianceShutdownEventDto',
};

export const EVENT_MODELS = [
  ApplianceSnapshotEventDto,
  ApplianceStatusEventDto,
  ApplianceRemovedEventDto,
  ApplianceErrorEventDto,
  ApplianceNotificationEventDto,
  ApplianceQuotaEventDto,
  ApplianceShutdownEventDto,
];

const EXAMPLE_STREAM = [
  'retry: 3000',
  '',
  'id: Yk3nQ2pA.lxq2f1a3',
  'event: snapshot',
  `data: ${JSON.stringify({ deviceId: 'TQS-3C1F2D7A-9B4E-4F61-A2D8-5E7C0B9F1A23', status: STATUS_EXAMPLE })}`,
  '',
  'id: Yk3nQ2pA.lxq2f1a4',
  'event: status',
  `data: ${JSON.stringify({ deviceId: 'TQS-3C1F2D7A-9B4E-4F61-A2D8-5E7C0B9F1A23', status: { refrigeration: { expressMode: true } } })}`,
  '',
  ':',
  '',
].join('\n');

/** The 200 answer: an event stream, each event's `data` one JSON document. */
export const EVENT_STREAM_CONTENT = {
  'text/event-stream': {
    schema: {
      type: 'string',
      description:
        'Server-sent events (`id`, `event`, `data` lines, a blank line after each). `data` is one ' +
        'JSON document; its schema per event is in `x-junction-events`.',
      example: EXAMPLE_STREAM,
    },
    'x-junction-events': Object.fromEntries(
      Object.entries(EVENT_SCHEMAS).map(([event, schema]) => [
        event,
        { $ref: getSchemaPath(schema) },
      ]),
    ),
  },
};
