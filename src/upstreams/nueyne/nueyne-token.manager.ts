import { Injectable } from '@nestjs/common';
import { Principal } from '../../auth/principal';
import { UpstreamResponse } from '../http/upstream-http.client';

export type NueyneProduct = 'lux' | 'legacy';

/**
 * Holds each session's Nueyne tokens fresh (implementation lands with the unified auth).
 * `send` runs `call` with the session's current access token of `product`; it refreshes the
 * token shortly before expiry and once on a 401 "Token is expired", exactly once per session
 * across instances. Throws ProblemException ACCOUNT_NOT_LINKED (403) when the session has no
 * such link and UPSTREAM_LOGIN_REQUIRED (401) when Nueyne ended the login.
 */
@Injectable()
export class NueyneTokenManager {
  send<T>(
    _principal: Principal,
    _product: NueyneProduct,
    _call: (accessToken: string) => Promise<UpstreamResponse<T>>,
  ): Promise<UpstreamResponse<T>> {
    return Promise.reject(new Error('NueyneTokenManager.send: not implemented yet'));
  }
}
