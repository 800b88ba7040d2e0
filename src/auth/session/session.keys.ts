import { Provider } from '../../common/access/principal';

/** Redis key names of the auth area (the store adds the deployment prefix). */
export const SessionKeys = {
  session: (sid: string) => `sess:{${sid}}`,
  refresh: (sid: string) => `sess:{${sid}}:rt`,
  /** A link held by the session (the Lux or Legacy sign-in itself; Lux linked by any user). */
  link: (sid: string, provider: Provider) => `sess:{${sid}}:link:${provider}`,
  /** A link held by the user (ThinQ; Legacy linked by a Lux user): every session of `sub` uses it. */
  userLink: (sub: string, provider: Provider) => `user:{${sub}}:link:${provider}`,
  luxAccountSessions: (accountId: string) => `luxacct:{${accountId}}:sessions`,
  revokedJti: (jti: string) => `revoked:jti:${jti}`,
  /** The refresh lease of a Nueyne link: `scope` is the session, or the user for a user's link. */
  nueyneRefreshLock: (scope: string, product: string) =>
    `lock:{${scope}}:nueyne-refresh:${product}`,
  /** The session a session or link key belongs to (undefined for any other key). */
  sessionOf: (key: string): string | undefined =>
    /^sess:\{([^}]+)\}(:link:[a-z]+)?$/.exec(key)?.[1],
  /** The user a user link key belongs to (undefined for any other key). */
  userOf: (key: string): string | undefined => /^user:\{([^}]+)\}:link:[a-z]+$/.exec(key)?.[1],
};
