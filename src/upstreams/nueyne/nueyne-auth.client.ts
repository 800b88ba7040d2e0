import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RequestContext } from '../../common/context/request-context';
import {
  NueyneAuthenticator,
  NueyneRefreshRefused,
  NueyneSignInRefused,
  NueyneTokenRefused,
  NueyneTokenSet,
  SignInRefusal,
} from '../../auth/links/nueyne-authenticator';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { UpstreamResponse } from '../http/upstream-http.types';
import { toTokenSet } from './nueyne-accounts.mappers';
import { NueyneHttp } from './nueyne.http';
import { NueyneTokenPairVendor } from './vendor/nueyne-account.vendor';

type Product = 'lux' | 'legacy';

const SIGN_IN_PATH: Record<Product, string> = {
  lux: '/api/v1/lux/auth/email/signin',
  legacy: '/api/v1/legacy/auth/signin',
};
const REFRESH_PATH: Record<Product, string> = {
  lux: '/api/v1/lux/auth/refresh-token',
  legacy: '/api/v1/legacy/auth/refresh-token',
};

/** Nueyne's sign-in refusals (by product, status and detail) and what the user is told. */
const REFUSALS: { status: number; detail: string; reason: SignInRefusal; description: string }[] = [
  {
    status: 400,
    detail: 'Password is invalid',
    reason: 'invalid_credentials',
    description: 'The e-mail or password is wrong.',
  },
  {
    status: 404,
    detail: 'User not found',
    reason: 'invalid_credentials',
    description: 'The e-mail or password is wrong.',
  },
  {
    status: 401,
    detail: 'Incorrect email or password',
    reason: 'invalid_credentials',
    description: 'The e-mail or password is wrong.',
  },
  {
    status: 401,
    detail: 'Sign-up not completed',
    reason: 'signup_incomplete',
    description: 'Sign-up is not completed for this account; finish it in the app first.',
  },
  {
    status: 403,
    detail: 'SMS verification required',
    reason: 'verification_required',
    description: 'This account needs SMS verification before it can sign in.',
  },
  {
    status: 403,
    detail: 'Email is not verified',
    reason: 'verification_required',
    description: 'This account needs its e-mail address verified before it can sign in.',
  },
  {
    status: 410,
    detail: 'User is Deleted',
    reason: 'deleted',
    description: 'This account was deleted.',
  },
  {
    status: 410,
    detail: 'User is deleted',
    reason: 'deleted',
    description: 'This account was deleted.',
  },
  {
    status: 423,
    detail: 'Access denied. Account blocked',
    reason: 'blocked',
    description: 'This account is blocked.',
  },
  {
    status: 423,
    detail: 'User is blocked',
    reason: 'blocked',
    description: 'This account is blocked.',
  },
];

function detailOf(response: UpstreamResponse): string | undefined {
  const body = response.body as { detail?: unknown } | undefined;
  return typeof body?.detail === 'string' ? body.detail : undefined;
}

function unexpected(route: string, response: UpstreamResponse): ProblemException {
  const status = response.status;
  return new ProblemException(
    status >= 500 ? ErrorCode.UPSTREAM_ERROR : ErrorCode.UPSTREAM_BAD_RESPONSE,
    {
      detail: `Nueyne answered ${route} with HTTP ${status}.`,
      // Nueyne's own text stays in the log (the HTTP client writes it), never in a response.
      upstream: { name: 'nueyne', status },
    },
  );
}

/** Nueyne's auth routes for both products (sign-in, refresh, and identifying a token). */
@Injectable()
export class NueyneAuthClient extends NueyneAuthenticator {
  constructor(private readonly http: NueyneHttp) {
    super();
  }

  private tokens(response: UpstreamResponse, route: string): NueyneTokenSet {
    const tokens = toTokenSet(response.body as Partial<NueyneTokenPairVendor> | undefined);
    if (!tokens) throw unexpected(route, { ...response, status: 502 });
    return tokens;
  }

  async signIn(
    ctx: RequestContext,
    product: Product,
    username: string,
    password: string,
  ): Promise<NueyneTokenSet> {
    const route = `POST ${SIGN_IN_PATH[product]}`;
    const response = await this.http.request({
      context: ctx,
      method: 'POST',
      path: SIGN_IN_PATH[product],
      route,
      form: { username, password },
    });
    if (response.status === 200) return this.tokens(response, route);
    const detail = detailOf(response);
    const refusal = REFUSALS.find((r) => r.status === response.status && r.detail === detail);
    if (refusal) throw new NueyneSignInRefused(refusal.reason, refusal.description);
    if (response.status === 422)
      throw new NueyneSignInRefused(
        'invalid_credentials',
        'The e-mail or password is not in a form Nueyne accepts.',
      );
    throw unexpected(route, response);
  }

  async refresh(
    ctx: RequestContext,
    product: Product,
    refreshToken: string,
  ): Promise<NueyneTokenSet> {
    const route = `POST ${REFRESH_PATH[product]}`;
    const response = await this.http.request({
      context: ctx,
      method: 'POST',
      path: REFRESH_PATH[product],
      route,
      json: { refresh_token: refreshToken },
    });
    if (response.status === 200) return this.tokens(response, route);
    if (response.status === 401) throw new NueyneRefreshRefused(detailOf(response) ?? 'refused');
    throw unexpected(route, response);
  }

  async identify(ctx: RequestContext, product: Product, accessToken: string): Promise<string> {
    const path = product === 'lux' ? '/api/v1/lux/user/me' : '/api/v1/legacy/device/my-devices';
    const route = `GET ${path}`;
    const response = await this.http.request({
      context: ctx,
      method: 'GET',
      path,
      route,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (response.status === 401 || response.status === 403)
      throw new NueyneTokenRefused(detailOf(response) ?? 'refused');
    if (response.status !== 200) throw unexpected(route, response);
    if (product === 'lux') {
      const id = (response.body as { root_user_id?: unknown })?.root_user_id;
      if (typeof id !== 'number' && typeof id !== 'string')
        throw unexpected(route, { ...response, status: 502 });
      return String(id);
    }
    // Legacy has no "who am I" route in the documented API: a device names its owner; without
    // devices the account is known only by its token, so a stable digest stands in for the id.
    const devices = response.body as { user_id?: unknown }[] | undefined;
    const owner = Array.isArray(devices)
      ? devices.find((d) => d.user_id !== undefined)?.user_id
      : undefined;
    if (typeof owner === 'number' || typeof owner === 'string') return String(owner);
    return `token-${createHash('sha256').update(accessToken).digest('hex').slice(0, 16)}`;
  }
}
