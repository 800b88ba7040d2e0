import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { Clock } from '../../common/clock';
import { isHeaderToken } from '../../common/header-safe';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { RateLimiter } from '../../rate-limit/rate-limiter.service';
import { StoreUnavailableError } from '../../redis/key-value.store';
import { AccessTokenService, InvalidAccessToken } from '../jwt/access-token.service';
import { LinkedAccounts } from '../links/linked-accounts.service';
import {
  NueyneAuthenticator,
  NueyneSignInRefused,
  NueyneTokenRefused,
  NueyneTokenSet,
} from '../links/nueyne-authenticator';
import { Principal, USER_SCOPES } from '../../common/access/principal';
import { SessionService } from '../session/session.service';
import { NueyneLink, NueyneProduct } from '../session/session.types';
import { ClientAuthenticator, IdentifiedClient } from './client-authenticator';
import { OAuthError } from './oauth.error';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const SUBJECT_TOKEN_TYPES: Record<string, NueyneProduct> = {
  'urn:nueyne:lux': 'lux',
  'urn:nueyne:legacy': 'legacy',
};
export const GRANT_TYPES = ['password', 'refresh_token', 'client_credentials', TOKEN_EXCHANGE];
/** Nueyne documents 900 s access tokens; token exchange does not say how long the one we get lives. */
const NUEYNE_ACCESS_SECONDS = 900;
/** Longest subject_token accepted (Nueyne's are JWTs of a few hundred characters). */
const SUBJECT_TOKEN_MAX = 4096;

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope: string;
  issued_token_type?: string;
}

type Params = Record<string, string>;

/** Form and JSON bodies alike: every parameter a single string (RFC 6749 3.2: no repeats). */
export function readParams(body: unknown): Params {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new OAuthError(
      'invalid_request',
      'The body must be application/x-www-form-urlencoded or a JSON object.',
    );
  }
  const params: Params = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(value))
      throw new OAuthError('invalid_request', `The parameter ${key} must not repeat.`);
    if (typeof value !== 'string')
      throw new OAuthError('invalid_request', `The parameter ${key} must be a string.`);
    params[key] = value;
  }
  return params;
}

function required(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '')
    throw new OAuthError('invalid_request', `The parameter ${name} is required.`);
  return value;
}

function narrowScopes(requested: string | undefined, allowed: readonly string[]): string[] {
  if (requested === undefined || requested.trim() === '') return [...allowed];
  const scopes = [...new Set(requested.split(' ').filter(Boolean))];
  const unknown = scopes.filter((scope) => !allowed.includes(scope));
  if (unknown.length > 0)
    throw new OAuthError('invalid_scope', `Not grantable here: ${unknown.join(' ')}.`);
  return scopes;
}

function upstreamTrouble(error: unknown): never {
  // The gateway's own failure (e.g. an upstream request it could not build) is not the upstream
  // being away: it stays a 500, and is logged as one.
  if (error instanceof ProblemException && error.code === ErrorCode.INTERNAL_ERROR) throw error;
  if (error instanceof ProblemException || error instanceof StoreUnavailableError) {
    throw new OAuthError(
      'temporarily_unavailable',
      'The sign-in service is unavailable right now; try again shortly.',
      503,
      { 'retry-after': '5' },
    );
  }
  throw error;
}

/** The grants of POST /v1/auth/token and the revocation of POST /v1/auth/revoke. */
@Injectable()
export class OAuthService {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionService,
    private readonly links: LinkedAccounts,
    private readonly nueyne: NueyneAuthenticator,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
  ) {}

  async token(
    ctx: RequestContext,
    body: unknown,
    authorization: string | undefined,
  ): Promise<TokenResponse> {
    const params = readParams(body);
    const client = await this.identifyClient(authorization, params);
    const grant = required(params, 'grant_type');
    switch (grant) {
      case 'password':
        return this.passwordGrant(ctx, params, client?.id);
      case 'refresh_token':
        return this.refreshGrant(params);
      case 'client_credentials': {
        const confidential = client?.confidential;
        // Nothing presented, or a public client: no authentication was tried, so no challenge.
        if (!confidential)
          throw this.clients.invalidClient(
            false,
            'client_credentials needs a confidential client and its secret.',
          );
        return this.issue({
          kind: 'service',
          sub: `client:${confidential.id}`,
          clientId: confidential.id,
          scopes: narrowScopes(params.scope, confidential.scopes),
        });
      }
      case TOKEN_EXCHANGE:
        return this.tokenExchange(ctx, params, client?.id);
      default:
        throw new OAuthError(
          'unsupported_grant_type',
          `Supported grant types: ${GRANT_TYPES.join(', ')}.`,
        );
    }
  }

  /**
   * Client authentication with a lockout per client id, as failed sign-ins are per username:
   * after `client-auth-failures` wrong secrets in its window, even the right secret waits (429),
   * wherever the guesses come from. Another client id is not affected.
   */
  /**
   * The client the request names (ClientAuthenticator). A confidential client that presents a
   * secret is counted per client id: after `client-auth-failures` wrong secrets it is refused (429)
   * even with the right one until the window ends, like a username after wrong passwords.
   */
  private async identifyClient(
    authorization: string | undefined,
    params: Record<string, string>,
  ): Promise<IdentifiedClient | undefined> {
    const claimed = this.clients.claimedConfidentialId(authorization, params);
    if (claimed === undefined) return this.clients.identify(authorization, params);
    const id = `client:${claimed}`;
    await this.limiter.check('client-auth-failures', id);
    try {
      return this.clients.identify(authorization, params);
    } catch (error) {
      if (error instanceof OAuthError && error.error === 'invalid_client') {
        await this.limiter.count('client-auth-failures', id);
      }
      throw error;
    }
  }

  private async issue(
    subject: {
      kind: Principal['kind'];
      sub: string;
      sid?: string;
      clientId?: string;
      scopes: string[];
    },
    refreshToken?: string,
    extra: Partial<TokenResponse> = {},
  ): Promise<TokenResponse> {
    const access = await this.tokens.issue(subject);
    const response: TokenResponse = {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      scope: subject.scopes.join(' '),
      ...extra,
    };
    if (refreshToken) response.refresh_token = refreshToken;
    return response;
  }

  private product(value: string | undefined): NueyneProduct {
    const product = value ?? 'lux';
    if (product !== 'lux' && product !== 'legacy') {
      throw new OAuthError('invalid_request', 'The parameter provider must be lux or legacy.');
    }
    return product;
  }

  /** Signs in to Nueyne; maps its refusals to invalid_grant with a clear description. */
  async signIn(
    ctx: RequestContext,
    product: NueyneProduct,
    username: string,
    password: string,
  ): Promise<NueyneTokenSet> {
    // Failed sign-ins are limited per account (credential stuffing), whatever the IP.
    const account = `${product}:${username.trim().toLowerCase()}`;
    await this.limiter.check('sign-in-failures', account);
    try {
      return await this.nueyne.signIn(ctx, product, username, password);
    } catch (error) {
      if (error instanceof NueyneSignInRefused) {
        if (error.reason === 'invalid_credentials') {
          await this.limiter.count('sign-in-failures', account);
        }
        throw new OAuthError('invalid_grant', error.description);
      }
      return upstreamTrouble(error);
    }
  }

  linkRecord(product: NueyneProduct, tokens: NueyneTokenSet): NueyneLink {
    const now = this.clock.now();
    return {
      provider: product,
      accountId: tokens.accountId,
      accessToken: tokens.accessToken,
      accessIssuedAt: now,
      accessExpiresAt: now + tokens.expiresInSeconds * 1000,
      refreshToken: tokens.refreshToken,
      refreshExpiresAt:
        tokens.refreshExpiresInSeconds !== undefined
          ? now + tokens.refreshExpiresInSeconds * 1000
          : undefined,
      linkedAt: now,
    };
  }

  /**
   * A session for an account just created upstream (sign-up under /v1/accounts), opened exactly as
   * the password grant opens one after signing in: the Nueyne tokens sealed as the session's link,
   * the user scopes, a gateway access and refresh token.
   */
  sessionForNewAccount(product: NueyneProduct, tokens: NueyneTokenSet): Promise<TokenResponse> {
    return this.openUserSession(product, this.linkRecord(product, tokens), [...USER_SCOPES]);
  }

  private async openUserSession(
    product: NueyneProduct,
    link: NueyneLink,
    scopes: string[],
    clientId?: string,
  ): Promise<TokenResponse> {
    const sub = `${product}:${link.accountId}`;
    const { session, refreshToken } = await this.sessions.open({ sub, scopes, clientId });
    await this.links.save(session.sid, link);
    return this.issue({ kind: 'user', sub, sid: session.sid, clientId, scopes }, refreshToken);
  }

  private async passwordGrant(
    ctx: RequestContext,
    params: Params,
    clientId?: string,
  ): Promise<TokenResponse> {
    const product = this.product(params.provider);
    const username = required(params, 'username');
    const password = required(params, 'password');
    const scopes = narrowScopes(params.scope, USER_SCOPES);
    const tokens = await this.signIn(ctx, product, username, password);
    try {
      return await this.openUserSession(
        product,
        this.linkRecord(product, tokens),
        scopes,
        clientId,
      );
    } catch (error) {
      return upstreamTrouble(error);
    }
  }

  private async refreshGrant(params: Params): Promise<TokenResponse> {
    const token = required(params, 'refresh_token');
    const result = await this.sessions.rotate(token).catch(upstreamTrouble);
    if ('invalid' in result)
      throw new OAuthError(
        'invalid_grant',
        'The refresh token is not valid or the session has ended.',
      );
    if ('reused' in result) {
      throw new OAuthError(
        'invalid_grant',
        'The refresh token was already used; the session has been ended for safety. Sign in again.',
      );
    }
    const scopes = narrowScopes(params.scope, result.session.scopes);
    return this.issue(
      {
        kind: 'user',
        sub: result.session.sub,
        sid: result.sid,
        clientId: result.session.clientId,
        scopes,
      },
      result.refreshToken,
    );
  }

  private async tokenExchange(
    ctx: RequestContext,
    params: Params,
    clientId?: string,
  ): Promise<TokenResponse> {
    const subjectToken = required(params, 'subject_token');
    // It goes to Nueyne in the Authorization header: a value no header can carry is refused here,
    // before any upstream call (undici would refuse to build the request).
    if (subjectToken.length > SUBJECT_TOKEN_MAX || !isHeaderToken(subjectToken)) {
      throw new OAuthError(
        'invalid_request',
        `The parameter subject_token must be at most ${SUBJECT_TOKEN_MAX} visible ASCII characters without spaces.`,
      );
    }
    const type = required(params, 'subject_token_type');
    const product = SUBJECT_TOKEN_TYPES[type];
    if (!product) {
      throw new OAuthError(
        'invalid_request',
        `subject_token_type must be one of ${Object.keys(SUBJECT_TOKEN_TYPES).join(', ')}.`,
      );
    }
    if (
      params.requested_token_type !== undefined &&
      params.requested_token_type !== ACCESS_TOKEN_TYPE
    ) {
      throw new OAuthError('invalid_request', `Only ${ACCESS_TOKEN_TYPE} can be requested.`);
    }
    const scopes = narrowScopes(params.scope, USER_SCOPES);
    let accountId: string;
    try {
      accountId = await this.nueyne.identify(ctx, product, subjectToken);
    } catch (error) {
      if (error instanceof NueyneTokenRefused)
        throw new OAuthError('invalid_grant', 'Nueyne does not accept the subject_token.');
      return upstreamTrouble(error);
    }
    const link = this.linkRecord(product, {
      accountId,
      accessToken: subjectToken,
      expiresInSeconds: NUEYNE_ACCESS_SECONDS,
      refreshToken: params.nueyne_refresh_token || undefined,
    });
    try {
      const response = await this.openUserSession(product, link, scopes, clientId);
      return { ...response, issued_token_type: ACCESS_TOKEN_TYPE };
    } catch (error) {
      return upstreamTrouble(error);
    }
  }

  /** RFC 7009: ends the session of a refresh or user access token, denies a service token; 200 whatever it was. */
  async revoke(body: unknown, authorization: string | undefined): Promise<void> {
    const params = readParams(body);
    await this.identifyClient(authorization, params);
    const token = required(params, 'token');
    const hint = params.token_type_hint;
    if (hint !== undefined && hint !== 'access_token' && hint !== 'refresh_token') {
      throw new OAuthError(
        'unsupported_token_type',
        'token_type_hint must be access_token or refresh_token.',
      );
    }
    try {
      if (SessionService.parseRefreshToken(token)) {
        const sid = await this.sessions.refreshTokenMatches(token);
        if (sid) await this.sessions.end(sid);
        return;
      }
      let principal: Principal;
      try {
        principal = await this.tokens.verify(token);
      } catch (error) {
        if (error instanceof InvalidAccessToken) return;
        throw error;
      }
      if (principal.sid) await this.sessions.end(principal.sid);
      else await this.sessions.revokeJti(principal.jti, principal.exp);
    } catch (error) {
      upstreamTrouble(error);
    }
  }
}
