import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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

/** RFC 9457 problem details, as every error of the gateway is answered. */
export class ProblemDto {
  @ApiProperty({
    example: 'urn:junction:problem:validation-failed',
    description: 'Stable URI of the problem type.',
  })
  type!: string;
  @ApiProperty({ example: 'The request is not valid' })
  title!: string;
  @ApiProperty({ example: 400 })
  status!: number;
  @ApiProperty({ example: 'Invalid fields: birthdate.', maxLength: 500 })
  detail!: string;
  @ApiProperty({ example: '/v1/me', description: 'The request path.' })
  instance!: string;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine code (UPPER_SNAKE).' })
  code!: string;
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
    type: [FieldProblemDto],
    maxItems: 20,
    description: 'Field problems of a validation failure (the first 20).',
  })
  errors?: FieldProblemDto[];
  @ApiPropertyOptional({
    type: 'integer',
    example: 12,
    description: 'How many more field problems there were beyond the 20 listed in `errors`.',
  })
  errorsOmitted?: number;
}
