import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { HEADER_TOKEN, HEADER_TOKEN_PATTERN } from '../../common/header-safe';
import { THINQ_COUNTRIES } from '../../upstreams/thinq/thinq-regions';

export class NueyneCredentialsDto {
  @ApiProperty({
    example: 'demo@junction.dev',
    format: 'email',
    maxLength: 254,
    description: 'The e-mail of the Nueyne account.',
  })
  @IsEmail()
  @MaxLength(254)
  username!: string;

  @ApiProperty({ example: 'junction-demo', minLength: 1, maxLength: 256, writeOnly: true })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password!: string;
}

export class ThinqLinkDto {
  @ApiProperty({
    example: 'thinq-demo-token',
    description:
      'A ThinQ personal access token (PAT). Visible ASCII without spaces: it is sent to ThinQ in a header.',
    minLength: 1,
    writeOnly: true,
    maxLength: 2048,
    pattern: HEADER_TOKEN_PATTERN,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  @Matches(HEADER_TOKEN, {
    message: 'accessToken must be visible ASCII characters without spaces',
  })
  accessToken!: string;

  @ApiProperty({
    example: 'KR',
    enum: THINQ_COUNTRIES,
    description:
      'ISO 3166-1 alpha-2 country of the ThinQ account (an officially assigned code); picks the ' +
      'regional host.',
  })
  @IsIn(THINQ_COUNTRIES, {
    message:
      'countryCode must be an ISO 3166-1 alpha-2 country that ThinQ serves, such as KR or US',
  })
  countryCode!: string;
}

export class LinkStatusDto {
  @ApiProperty({ enum: ['lux', 'legacy', 'thinq'] })
  provider!: string;
  @ApiProperty()
  linked!: boolean;
  @ApiPropertyOptional({
    enum: ['active', 'login_required'],
    description: 'login_required: the upstream ended the login; link again.',
  })
  state?: string;
  @ApiPropertyOptional({ example: '1', description: 'The upstream account id (Nueyne).' })
  accountId?: string;
  @ApiPropertyOptional({ example: 'KR', description: 'ThinQ only.' })
  countryCode?: string;
  @ApiPropertyOptional({ example: '2026-11-22T10:00:00.000Z' })
  linkedAt?: string;
}

export class LinksDto {
  @ApiProperty({ type: LinkStatusDto })
  lux!: LinkStatusDto;
  @ApiProperty({ type: LinkStatusDto })
  legacy!: LinkStatusDto;
  @ApiProperty({ type: LinkStatusDto })
  thinq!: LinkStatusDto;
}
