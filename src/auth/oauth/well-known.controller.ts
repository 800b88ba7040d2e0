import { Controller, Get, Header } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { AppConfig } from '../../config/app-config';
import { SigningKeys } from '../jwt/signing-keys';
import { ALL_SCOPES } from '../../common/access/principal';
import { Public } from '../../common/access/public.decorator';
import { GRANT_TYPES } from './oauth.service';

/** One public key of the JWKS (RFC 7517): EC P-256, Ed25519 or RSA. */
export class JwkDto {
  @ApiProperty({ enum: ['EC', 'OKP', 'RSA'], example: 'EC' })
  kty!: string;
  @ApiProperty({
    example: 'ZP6eL0Q3mWvVg3s1aV9n2b6y2j0cJt0Q5a5oYVvW3qQ',
    description: 'RFC 7638 thumbprint.',
  })
  kid!: string;
  @ApiProperty({ enum: ['ES256', 'EdDSA', 'RS256'], example: 'ES256' })
  alg!: string;
  @ApiProperty({ enum: ['sig'], example: 'sig' })
  use!: string;
  @ApiPropertyOptional({ enum: ['P-256', 'Ed25519'], example: 'P-256', description: 'EC and OKP.' })
  crv?: string;
  @ApiPropertyOptional({ description: 'EC and OKP: the x coordinate (base64url).' })
  x?: string;
  @ApiPropertyOptional({ description: 'EC: the y coordinate (base64url).' })
  y?: string;
  @ApiPropertyOptional({ description: 'RSA: the modulus (base64url).' })
  n?: string;
  @ApiPropertyOptional({ example: 'AQAB', description: 'RSA: the exponent (base64url).' })
  e?: string;
}

export class JwksDto {
  @ApiProperty({ type: [JwkDto], description: 'During a key rotation, more than one.' })
  keys!: JwkDto[];
}

/** RFC 8414 authorization server metadata. */
export class AuthorizationServerMetadataDto {
  @ApiProperty({ format: 'uri', example: 'https://api.junction.dev' })
  issuer!: string;
  @ApiProperty({ format: 'uri', example: 'https://api.junction.dev/v1/auth/token' })
  token_endpoint!: string;
  @ApiProperty({ format: 'uri', example: 'https://api.junction.dev/v1/auth/revoke' })
  revocation_endpoint!: string;
  @ApiProperty({ format: 'uri', example: 'https://api.junction.dev/.well-known/jwks.json' })
  jwks_uri!: string;
  @ApiProperty({ type: [String], example: ['password', 'refresh_token', 'client_credentials'] })
  grant_types_supported!: string[];
  @ApiProperty({ type: [String], example: [], description: 'Empty: no authorization endpoint.' })
  response_types_supported!: string[];
  @ApiProperty({ type: [String], example: ['client_secret_basic', 'client_secret_post', 'none'] })
  token_endpoint_auth_methods_supported!: string[];
  @ApiProperty({ type: [String], example: ['client_secret_basic', 'client_secret_post', 'none'] })
  revocation_endpoint_auth_methods_supported!: string[];
  @ApiProperty({ type: [String], example: ['profile', 'therapy', 'appliances'] })
  scopes_supported!: string[];
}

@ApiTags('auth')
@Public()
@Controller('.well-known')
export class WellKnownController {
  constructor(
    private readonly keys: SigningKeys,
    private readonly config: AppConfig,
  ) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Public signing keys (JWKS)',
    description:
      'Internal services verify gateway access tokens with these keys (`kid` = RFC 7638 thumbprint). During a rotation both keys are listed.',
  })
  @ApiOkResponse({ type: JwksDto })
  @ApiProblems(500)
  jwks(): { keys: object[] } {
    return this.keys.jwks();
  }

  @Get('oauth-authorization-server')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Authorization server metadata (RFC 8414)',
    description:
      'What a stock OAuth 2 client discovers: token, revocation and JWKS endpoints, grants, client authentication methods and scopes. The gateway is an OAuth 2 authorization server, not an OpenID provider: use OAuth 2 discovery (openid-client: `algorithm: "oauth2"`). `issuer` is GATEWAY_ISSUER and must be the exact URL a client discovers from.',
  })
  @ApiOkResponse({ type: AuthorizationServerMetadataDto })
  @ApiProblems(500)
  metadata(): AuthorizationServerMetadataDto {
    const issuer = this.config.auth.issuer;
    return {
      issuer,
      token_endpoint: `${issuer}/v1/auth/token`,
      revocation_endpoint: `${issuer}/v1/auth/revoke`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      grant_types_supported: GRANT_TYPES,
      response_types_supported: [],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: [
        'client_secret_basic',
        'client_secret_post',
        'none',
      ],
      scopes_supported: [...ALL_SCOPES],
      // No token_endpoint_auth_signing_alg_values_supported: RFC 8414 ties it to JWT client
      // authentication (private_key_jwt, client_secret_jwt), which the gateway does not offer.
      // Access tokens' algorithms are in the JWKS (`alg` of each key).
    };
  }
}
