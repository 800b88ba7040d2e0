import { Provider } from '../../common/access/principal';

export interface SessionRecord {
  sid: string;
  sub: string;
  scopes: string[];
  clientId?: string;
  createdAt: number;
}

export type NueyneProduct = 'lux' | 'legacy';

/** A Nueyne login the gateway holds for a session (sealed in Redis). */
export interface NueyneLink {
  provider: NueyneProduct;
  accountId: string;
  accessToken: string;
  accessIssuedAt: number;
  accessExpiresAt: number;
  refreshToken?: string;
  refreshExpiresAt?: number;
  /** Nueyne ended the login (refresh token refused): the user must link again. */
  loginRequired?: boolean;
  linkedAt: number;
}

/** A ThinQ personal access token the gateway holds for a session (sealed in Redis). */
export interface ThinqLink {
  provider: 'thinq';
  accessToken: string;
  countryCode: string;
  linkedAt: number;
}

export type LinkRecord = NueyneLink | ThinqLink;

export interface LinkSummary {
  provider: Provider;
  linked: boolean;
  state?: 'active' | 'login_required';
  accountId?: string;
  countryCode?: string;
  linkedAt?: string;
}
