import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SourceErrorDto } from '../../common/problem/problem.dto';

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
}
