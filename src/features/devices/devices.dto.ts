import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SourceErrorDto } from '../../common/problem/problem.dto';

export class SourceWarningDto {
  @ApiProperty({ enum: ['legacy', 'thinq'], example: 'thinq' })
  source!: string;
  @ApiProperty({
    example: 'UPSTREAM_QUOTA_EXHAUSTED',
    description:
      'Why this source\u2019s items come from the gateway\u2019s cache instead of a fresh call: `UPSTREAM_QUOTA_EXHAUSTED` (the linked account\u2019s hourly ThinQ call budget is spent), `UPSTREAM_TIMEOUT` (no answer within `CACHE_REFRESH_WAIT_MS`; the refresh carries on), or the problem code the source failed with.',
  })
  code!: string;
  @ApiProperty({
    example:
      'The hourly ThinQ call quota of the linked account is spent; fresh appliance data can be fetched again in 1200 s.',
    description: 'A sentence a frontend may show.',
  })
  detail!: string;
  @ApiPropertyOptional({
    example: 1200,
    description: 'Seconds until fresh data can be fetched, when known.',
  })
  retryAfterSeconds?: number;
  @ApiProperty({ example: 420, description: 'Seconds since the source last answered.' })
  ageSeconds!: number;
}

export class SourceFreshnessDto {
  @ApiProperty({ enum: ['lux', 'legacy', 'thinq', 'interwater'], example: 'thinq' })
  source!: string;
  @ApiProperty({
    enum: ['live', 'cached', 'stale'],
    example: 'cached',
    description:
      '`live`: fetched from the source for this request. `cached`: the gateway\u2019s cached answer, served without asking the source (it is fresh, or is being refreshed in the background). `stale`: the source was asked (its cache was past fresh, or the request sent `Cache-Control: no-cache`) and could not answer, so the cached answer stands in; `reason` says why.',
  })
  state!: string;
  @ApiProperty({
    example: 42,
    minimum: 0,
    description: 'Seconds since the source answered what is served.',
  })
  ageSeconds!: number;
  @ApiPropertyOptional({
    example: 'UPSTREAM_QUOTA_EXHAUSTED',
    description:
      'Only with `stale`: the problem code that stopped the refresh, as in `warnings[].code` and the `x-stale-reason` header of the source\u2019s own route.',
  })
  reason?: string;
  @ApiPropertyOptional({
    example: 1200,
    description: 'Only with `stale`, when known: seconds until fresh data can be fetched.',
  })
  retryAfterSeconds?: number;
}

export class DeviceItemDto {
  @ApiProperty({ example: 'legacy:3', description: '`legacy:<device id>` or `thinq:<deviceId>`.' })
  id!: string;
  @ApiProperty({ enum: ['legacy', 'thinq'] })
  source!: string;
  @ApiProperty({ enum: ['therapy', 'appliance'] })
  kind!: string;
  @ApiProperty({
    example: 'DEVICE_AIR_PURIFIER',
    description: 'ThinQ deviceType, or `THERAPY_DEVICE` for Elexir Legacy.',
  })
  type!: string;
  @ApiPropertyOptional({ type: String, example: 'ELEXIR', nullable: true })
  model!: string | null;
  @ApiPropertyOptional({
    type: String,
    example: 'Living room purifier',
    nullable: true,
    description: 'ThinQ alias, or the therapy device serial code.',
  })
  name!: string | null;
  @ApiProperty({
    example: '/v1/appliances/TQS-A0FA49E5-1B95-4F9A-89B5-E4156706276A/status',
    description: "This device's own resource.",
  })
  href!: string;
  @ApiPropertyOptional({
    type: String,
    example: '2023-06-01T00:00:00Z',
    nullable: true,
    description: 'Therapy devices: when it was registered.',
  })
  registeredAt?: string | null;
  @ApiPropertyOptional({ example: '1692851234567', description: 'ThinQ WashTower pairs.' })
  groupId?: string;
}

export class DeviceListDto {
  @ApiProperty({ type: [DeviceItemDto] })
  items!: DeviceItemDto[];
  @ApiProperty({
    type: [SourceErrorDto],
    description:
      'Sources that failed or missed their deadline: their devices are left out of `items`. Empty when all answered.',
  })
  errors!: SourceErrorDto[];
  @ApiProperty({
    type: [SourceWarningDto],
    description:
      'Sources whose devices in `items` come from the gateway\u2019s cache because the source could not be asked (its call budget is spent, it failed, or it is slow): show them with a note. Empty when every source answered fresh.',
  })
  warnings!: SourceWarningDto[];
  @ApiProperty({
    type: [SourceFreshnessDto],
    description:
      'One entry per source whose devices are in `items`: `live`, `cached` (with its age) or `stale` (with its age and the reason). A source in `errors` has none.',
  })
  freshness!: SourceFreshnessDto[];
}
