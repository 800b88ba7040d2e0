import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ConferenceSessionDto } from '../conference/conference.dto';
import { SourceErrorDto } from '../../common/problem/problem.dto';
import { DeviceItemDto, SourceFreshnessDto, SourceWarningDto } from '../devices/devices.dto';
import { ProfileDto } from '../me/me.dto';

export class TherapySummaryDto {
  @ApiProperty({ example: '2026-11', description: 'The current month, in NUEYNE_TIMEZONE.' })
  month!: string;
  @ApiProperty({ example: 12, description: 'Therapy sessions logged this month.' })
  sessions!: number;
  @ApiProperty({ example: 14400, description: 'Total treatment time this month, in seconds.' })
  totalTreatmentSeconds!: number;
  @ApiPropertyOptional({
    type: String,
    example: '2026-11-20T08:15:00Z',
    nullable: true,
    description: 'Latest session start this month.',
  })
  lastUsedAt!: string | null;
}

export class PartFreshnessDto extends SourceFreshnessDto {
  @ApiProperty({
    enum: ['profile', 'devices', 'therapySummary', 'liveSessions'],
    example: 'devices',
    description: 'The field of the answer this entry is about; `devices` has one entry per source.',
  })
  part!: string;
}

export class HomeDto {
  @ApiPropertyOptional({
    type: ProfileDto,
    nullable: true,
    description: 'Lux profile; null without a Lux link or when Lux failed (see `errors`).',
  })
  profile!: ProfileDto | null;
  @ApiProperty({ type: [DeviceItemDto], description: 'As GET /v1/devices.' })
  devices!: DeviceItemDto[];
  @ApiPropertyOptional({
    type: TherapySummaryDto,
    nullable: true,
    description: 'Null without a Legacy link or when it failed.',
  })
  therapySummary!: TherapySummaryDto | null;
  @ApiPropertyOptional({
    type: [ConferenceSessionDto],
    nullable: true,
    description:
      'Live conference sessions; null without the conference:read scope or when Interwater failed.',
  })
  liveSessions!: ConferenceSessionDto[] | null;
  @ApiProperty({
    type: [SourceErrorDto],
    description:
      'Every part that failed or missed the deadline, with the status and code its own route would have answered. Not being linked is not an error.',
  })
  errors!: SourceErrorDto[];
  @ApiProperty({
    type: [SourceWarningDto],
    description:
      'As in GET /v1/devices: sources whose devices come from the gateway\u2019s cache because they could not be asked (e.g. `UPSTREAM_QUOTA_EXHAUSTED`: the ThinQ call budget is spent).',
  })
  warnings!: SourceWarningDto[];
  @ApiProperty({
    type: [PartFreshnessDto],
    description:
      'One entry per part that is in the answer (not null; for `devices`, per source): `live`, `cached` (with its age) or `stale` (with its age and the reason). A part in `errors`, or not linked, has none.',
  })
  freshness!: PartFreshnessDto[];
}
