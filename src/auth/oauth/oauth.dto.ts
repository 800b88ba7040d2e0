import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HEADER_TOKEN_PATTERN } from '../../common/header-safe';

/** RFC 6749 token request parameters (form or JSON; names fixed by the RFCs). */
export class TokenRequestDto {
  @ApiProperty({
    enum: [
      'password',
      'refresh_token',
      'client_credentials',
      'urn:ietf:params:oauth:grant-type:token-exchange',
    ],
    example: 'password',
  })
  grant_type!: string;
  // No `default` in the schema: generated clients (openapi-typescript) would make it required.
  @ApiPropertyOptional({
    enum: ['lux', 'legacy'],
    description: 'password grant: the Nueyne product to sign in to; `lux` when absent.',
  })
  provider?: string;
  @ApiPropertyOptional({ example: 'demo@junction.dev', description: 'password grant: the e-mail.' })
  username?: string;
  @ApiPropertyOptional({ example: 'junction-demo', description: 'password grant.' })
  password?: string;
  @ApiPropertyOptional({
    description: 'refresh_token grant: the gateway refresh token (rotates on every use).',
  })
  refresh_token?: string;
  @ApiPropertyOptional({
    example: 'profile therapy',
    description: 'Space-separated; narrows the default scopes.',
  })
  scope?: string;
  @ApiPropertyOptional({ description: 'Client authentication in the body (or use HTTP Basic).' })
  client_id?: string;
  @ApiPropertyOptional()
  client_secret?: string;
  @ApiPropertyOptional({
    description:
      'token exchange: a Nueyne access token. Visible ASCII without spaces (it is sent to Nueyne in a header).',
    maxLength: 4096,
    pattern: HEADER_TOKEN_PATTERN,
  })
  subject_token?: string;
  @ApiPropertyOptional({
    enum: ['urn:nueyne:lux', 'urn:nueyne:legacy'],
    description: 'token exchange: the product of subject_token.',
  })
  subject_token_type?: string;
  @ApiPropertyOptional({
    description: 'token exchange: the matching Nueyne refresh token, so the gateway can renew it.',
  })
  nueyne_refresh_token?: string;
}

export class TokenResponseDto {
  @ApiProperty({
    description: 'Gateway access token (JWT, ES256 or EdDSA; verify with /.well-known/jwks.json).',
  })
  access_token!: string;
  @ApiProperty({ example: 'Bearer' })
  token_type!: string;
  @ApiProperty({ example: 600 })
  expires_in!: number;
  @ApiPropertyOptional({
    description:
      'User sessions only. Single use: every refresh returns a new one; reusing an old one ends the session.',
  })
  refresh_token?: string;
  @ApiProperty({ example: 'profile therapy appliances conference:read' })
  scope!: string;
  @ApiPropertyOptional({ example: 'urn:ietf:params:oauth:token-type:access_token' })
  issued_token_type?: string;
}

export class RevokeRequestDto {
  @ApiProperty({ minLength: 1, description: 'A gateway refresh token or access token.' })
  token!: string;
  @ApiPropertyOptional({ enum: ['access_token', 'refresh_token'] })
  token_type_hint?: string;
}

export class OAuthErrorDto {
  @ApiProperty({
    enum: [
      'invalid_request',
      'invalid_client',
      'invalid_grant',
      'unsupported_grant_type',
      'invalid_scope',
      'unsupported_token_type',
      'temporarily_unavailable',
      'server_error',
    ],
    example: 'invalid_grant',
  })
  error!: string;
  @ApiProperty({ example: 'The e-mail or password is wrong.' })
  error_description!: string;
  @ApiProperty({ example: '8d3c7e2e-1f0a-4c61-9d55-0a0f3e4b5c6d' })
  requestId!: string;
}
