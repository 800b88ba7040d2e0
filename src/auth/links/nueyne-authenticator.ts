import { RequestContext } from '../../common/context/request-context';
import { NueyneProduct } from '../session/session.types';

/** Tokens Nueyne hands out at sign-in and refresh. */
export interface NueyneTokenSet {
  accountId: string;
  accessToken: string;
  expiresInSeconds: number;
  refreshToken?: string;
  refreshExpiresInSeconds?: number;
}

export type SignInRefusal =
  'invalid_credentials' | 'signup_incomplete' | 'verification_required' | 'deleted' | 'blocked';

/** Nueyne refused the credentials (the description is safe to show the user). */
export class NueyneSignInRefused extends Error {
  constructor(
    readonly reason: SignInRefusal,
    readonly description: string,
  ) {
    super(description);
  }
}

/** Nueyne refused a refresh token (already used, or the login ended): the user must sign in again. */
export class NueyneRefreshRefused extends Error {}

/** Nueyne refused an access token presented for token exchange. */
export class NueyneTokenRefused extends Error {}

/**
 * Signing in to Nueyne, as the auth area needs it (password grant, links, token exchange);
 * implemented by the Nueyne upstream module, so auth never imports vendor shapes.
 */
export abstract class NueyneAuthenticator {
  abstract signIn(
    ctx: RequestContext,
    product: NueyneProduct,
    username: string,
    password: string,
  ): Promise<NueyneTokenSet>;
  abstract refresh(
    ctx: RequestContext,
    product: NueyneProduct,
    refreshToken: string,
  ): Promise<NueyneTokenSet>;
  /** The account id behind an access token (throws NueyneTokenRefused when Nueyne refuses it). */
  abstract identify(
    ctx: RequestContext,
    product: NueyneProduct,
    accessToken: string,
  ): Promise<string>;
}
