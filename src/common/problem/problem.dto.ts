import { ErrorCode } from './error-code';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class UpstreamProblemDto {
  @ApiProperty({ example: 'thinq', enum: ['nueyne', 'thinq', 'interwater'] })
  name!: string;
  @ApiPropertyOptional({ example: 416, description: 'HTTP status the upstream answered.' })
  status?: number;
  @ApiPropertyOptional({
    example: '1222',
    description: 'The upstream error code, when it has one (ThinQ: four digits).',
  })
  code?: string;
  @ApiPropertyOptional({
    example: 'NOT_CONNECTED_DEVICE',
    description:
      'The documented name of the upstream error, from the gateway\u2019s own table, when it is a known one. Never the upstream\u2019s own text: that goes to the gateway\u2019s log only.',
  })
  detail?: string;
}

export class FieldProblemDto {
  @ApiProperty({ example: 'birthdate' })
  field!: string;
  @ApiProperty({ example: 'birthdate must be a date as YYYY-MM-DD' })
  message!: string;
}

/** Why one source of an aggregate (`GET /v1/devices`, `GET /v1/home`) is missing from the answer. */
export class SourceErrorDto {
  @ApiProperty({ enum: ['lux', 'legacy', 'thinq', 'interwater'], example: 'thinq' })
  source!: string;
  @ApiProperty({
    example: 504,
    description: 'The status that source would have answered on its own route.',
  })
  status!: number;
  @ApiProperty({
    example: 'UPSTREAM_TIMEOUT',
    enum: ErrorCode,
    enumName: 'ErrorCode',
    description: 'The problem code that source would have answered.',
  })
  code!: ErrorCode;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 1200,
    description:
      'The Retry-After that source would have answered (e.g. 429 `UPSTREAM_QUOTA_EXHAUSTED` with nothing cached).',
  })
  retryAfterSeconds?: number;
}

/** RFC 9457 problem details, as every error of the gateway is answered. */
@ApiExtraModels(FieldProblemDto, SourceErrorDto)
export class ProblemDto {
  @ApiProperty({
    example: 'urn:junction:problem:validation-failed',
    description: 'Stable URI of the problem type.',
  })
  type!: string;
  @ApiProperty({ example: 'The request is not valid' })
  title!: string;
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  status!: number;
  @ApiProperty({ example: 'Invalid fields: birthdate.', maxLength: 500 })
  detail!: string;
  @ApiProperty({ example: '/v1/me', description: 'The request path.' })
  instance!: string;
  @ApiProperty({
    enum: ErrorCode,
    enumName: 'ErrorCode',
    example: 'VALIDATION_FAILED',
    description:
      'Stable machine code: branch on it. What each means and what a screen should do: docs/errors.md.',
  })
  code!: ErrorCode;
  @ApiProperty({
    example: '8d3c7e2e-1f0a-4c61-9d55-0a0f3e4b5c6d',
    description: 'Also sent as x-request-id.',
  })
  requestId!: string;
  @ApiPropertyOptional({
    type: UpstreamProblemDto,
    description: 'Present when an upstream caused the problem.',
  })
  upstream?: UpstreamProblemDto;
  @ApiPropertyOptional({
    type: 'array',
    maxItems: 20,
    items: {
      oneOf: [{ $ref: getSchemaPath(FieldProblemDto) }, { $ref: getSchemaPath(SourceErrorDto) }],
    },
    description:
      'Field problems of a validation failure (`{field, message}`); on the 502 of `GET /v1/devices`, ' +
      'the sources that failed (`{source, status, code}`). At most 20 are listed: `errorsOmitted` counts the rest.',
  })
  errors?: (FieldProblemDto | SourceErrorDto)[];
  @ApiPropertyOptional({
    type: 'integer',
    example: 12,
    description: 'How many more field problems there were beyond the 20 listed in `errors`.',
  })
  errorsOmitted?: number;
  @ApiPropertyOptional({
    type: [String],
    example: ['conference:admin'],
    description: '`INSUFFICIENT_SCOPE`: the scopes the route needs.',
  })
  requiredScopes?: string[];
  @ApiPropertyOptional({
    enum: ['lux', 'legacy', 'thinq'],
    example: 'thinq',
    description:
      'The upstream account concerned: the one to link (`ACCOUNT_NOT_LINKED`), to sign in again ' +
      '(`UPSTREAM_LOGIN_REQUIRED`), or whose credentials were refused.',
  })
  provider?: string;
}
