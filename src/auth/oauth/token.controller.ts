import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { ERROR_RENDERER } from '../../common/problem/send-problem';
import { RateLimit } from '../../rate-limit/rate-limit.decorator';
import { Public } from '../../common/access/public.decorator';
import { OAuthErrorDto, RevokeRequestDto, TokenRequestDto, TokenResponseDto } from './oauth.dto';
import { sendOAuthError } from './oauth.error';
import { OAuthService, TokenResponse } from './oauth.service';

const oauthError = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: { $ref: getSchemaPath(OAuthErrorDto) } } },
    // temporarily_unavailable (a limit, an unreachable store or upstream) says when to come back.
    ...(status === 429 || status === 503
      ? {
          headers: {
            'retry-after': {
              description: 'Seconds to wait before trying again.',
              schema: { type: 'integer', minimum: 0 },
            },
          },
        }
      : {}),
  });

/**
 * Bodies that work as they stand in the sandbox (Swagger UI offers the first one, by key order:
 * the committed spec is key-sorted, hence the names).
 */
const TOKEN_REQUEST_EXAMPLES = {
  demoSignIn: {
    summary: 'Password grant: the sandbox demo account (Lux)',
    value: { grant_type: 'password', username: 'demo@junction.dev', password: 'junction-demo' },
  },
  legacySignIn: {
    summary: 'Password grant: the same account on Elexir Legacy',
    value: {
      grant_type: 'password',
      provider: 'legacy',
      username: 'demo@junction.dev',
      password: 'junction-demo',
    },
  },
  refresh: {
    summary: 'Refresh grant: paste the refresh_token of an earlier answer',
    value: { grant_type: 'refresh_token', refresh_token: 'rt1.paste-your-refresh-token' },
  },
  serviceToken: {
    summary: 'Client credentials: the sandbox demo service client',
    value: {
      grant_type: 'client_credentials',
      client_id: 'reports',
      client_secret: 'reports-secret-0123456789',
      scope: 'conference:read',
    },
  },
};

/** Every error of these routes, Fastify's own included, in RFC 6749 form (oauth.error.ts). */
const OAUTH_ERRORS = RouteConfig({ [ERROR_RENDERER]: sendOAuthError });

@ApiTags('auth')
@ApiExtraModels(OAuthErrorDto, TokenRequestDto, RevokeRequestDto)
@Public()
@RateLimit('auth', 'ip')
@Controller('v1/auth')
export class TokenController {
  constructor(private readonly oauth: OAuthService) {}

  @Post('token')
  @OAUTH_ERRORS
  @HttpCode(200)
  @ApiOperation({
    summary: 'OAuth 2 token endpoint',
    description:
      'RFC 6749 token endpoint. Grants: `password` (with `provider` lux or legacy: the gateway signs in to Nueyne, keeps its tokens and opens a session), `refresh_token` (rotation; a reused refresh token ends the session), `client_credentials` (internal services, from GATEWAY_CLIENTS; HTTP Basic or client_id/client_secret), and RFC 8693 token exchange of a Nueyne access token. Client: none, the public client `junction-docs` (no secret; what Authorize in Swagger UI uses), or a confidential client with its secret; an empty `Authorization: Basic` (`Og==`) counts as none, and only a failed Basic authentication is challenged with `WWW-Authenticate: Basic`. Every error (a malformed body too) follows RFC 6749 section 5.2 (`{error, error_description}`), not problem+json. Limits (429 `temporarily_unavailable` with `Retry-After`): attempts per client IP (`auth`), wrong passwords per account, wrong client secrets per client id.',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: TokenRequestDto, examples: TOKEN_REQUEST_EXAMPLES })
  @ApiOkResponse({ type: TokenResponseDto })
  @oauthError(
    400,
    'invalid_request (also for a body that is malformed, too large, over the input limits or not form/JSON), invalid_grant, invalid_scope or unsupported_grant_type',
  )
  @oauthError(401, 'invalid_client')
  @oauthError(
    429,
    'temporarily_unavailable: a limit of this endpoint (attempts per IP, wrong passwords per account, wrong secrets per client id, bodies in flight)',
  )
  @oauthError(503, 'temporarily_unavailable: Nueyne or the session store cannot be reached')
  async token(
    @CurrentContext() ctx: RequestContext,
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponse> {
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return this.oauth.token(ctx, body, authorization);
  }

  @Post('revoke')
  @OAUTH_ERRORS
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a token (RFC 7009)',
    description:
      'Revokes a gateway refresh token or a user access token, which ends its session on every instance, or a service access token, which is denied until it expires. Answers 200 for tokens it does not know, as RFC 7009 asks.',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: RevokeRequestDto })
  @ApiOkResponse({ description: 'Revoked (or unknown).' })
  @oauthError(
    400,
    'invalid_request (also for a body that is malformed, too large, over the input limits or not form/JSON) or unsupported_token_type',
  )
  @oauthError(401, 'invalid_client')
  @oauthError(
    429,
    'temporarily_unavailable: a limit of this endpoint (attempts per IP, wrong passwords per account, wrong secrets per client id, bodies in flight)',
  )
  @oauthError(503, 'temporarily_unavailable: the session store cannot be reached')
  async revoke(
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<void> {
    await this.oauth.revoke(body, authorization);
  }
}
