import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { AppConfig } from '../../config/app-config';
import { SigningKeys } from '../jwt/signing-keys';
import { ALL_SCOPES } from '../principal';
import { Public } from '../public.decorator';
import { GRANT_TYPES } from './oauth.service';

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
  @ApiOkResponse({
    schema: { type: 'object', properties: { keys: { type: 'array', items: { type: 'object' } } } },
  })
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
  @ApiOkResponse({ schema: { type: 'object' } })
  @ApiProblems(500)
  metadata(): Record<string, unknown> {
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
