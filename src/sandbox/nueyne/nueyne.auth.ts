import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NueyneHttpError, required, validateBody, validateForm } from './fastapi';
import type { NueyneState, Product } from './nueyne.state';

/** What the routes of both products share: the database, the token store and the clock. */
export interface NueyneContext {
  readonly state: NueyneState;
  readonly tokens: NueyneTokens;
  now(): number;
}

/** The sign-in and refresh answer. */
export interface NueyneTokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_expires_in: number;
  id: number;
  token_type: 'bearer';
}

/** Who an access token belongs to. `userId` is null for a token minted for an unknown e-mail. */
export interface Principal {
  product: Product;
  userId: number | null;
  email: string;
  sessionId: number;
}

interface Session {
  id: number;
  product: Product;
  userId: number | null;
  email: string;
  /** The one refresh token this login may use next; null once the login has ended. */
  refreshToken: string | null;
  accessTokens: Set<string>;
}

interface IssuedToken {
  sessionId: number;
  product: Product;
  expiresAt: number;
}

const BEARER = { 'www-authenticate': 'Bearer' };

export const unauthorized = (detail: string): NueyneHttpError =>
  new NueyneHttpError(401, detail, BEARER);

function opaqueToken(product: Product, kind: 'at' | 'rt'): string {
  return `${product}_${kind}_${randomBytes(24).toString('base64url')}`;
}

/**
 * Access and refresh tokens of both products, one session per sign-in. Refresh tokens rotate;
 * presenting one that is no longer the session's current one ends the session (Nueyne's
 * duplicate-login rule) and revokes its access tokens.
 */
export class NueyneTokens {
  private readonly sessions = new Map<number, Session>();
  private readonly accessTokens = new Map<string, IssuedToken>();
  /** Every refresh token ever issued, so a reused one can be traced to its session. */
  private readonly refreshTokens = new Map<string, IssuedToken>();
  private nextSessionId = 1;

  constructor(
    private readonly now: () => number,
    public accessTtlSeconds: number,
    public refreshTtlSeconds: number,
  ) {}

  clear(): void {
    this.sessions.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  /** Opens a session and answers as sign-in does. */
  signIn(product: Product, userId: number | null, email: string): NueyneTokenResponse {
    const session: Session = {
      id: this.nextSessionId++,
      product,
      userId,
      email,
      refreshToken: null,
      accessTokens: new Set(),
    };
    this.sessions.set(session.id, session);
    return this.issuePair(session);
  }

  /** `POST /auth/refresh-token`. */
  rotate(product: Product, refreshToken: string): NueyneTokenResponse {
    const issued = this.refreshTokens.get(refreshToken);
    if (!issued || issued.product !== product) throw unauthorized('Could not validate credentials');
    if (this.now() >= issued.expiresAt) throw unauthorized('Token is expired');
    const session = this.sessions.get(issued.sessionId);
    if (!session || session.refreshToken !== refreshToken) {
      if (session) this.endSession(session);
      throw unauthorized('Refresh token is not valid');
    }
    return this.issuePair(session);
  }

  /** FastAPI's `OAuth2PasswordBearer` plus the product's `get_current_user` token checks. */
  authenticate(request: FastifyRequest, product: Product): Principal {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^bearer\s+(.*)$/i.exec(header.trim()) : null;
    if (!match) throw unauthorized('Not authenticated');
    const token = match[1].trim();
    const issued = this.accessTokens.get(token);
    const session = issued ? this.sessions.get(issued.sessionId) : undefined;
    if (!issued || !session || issued.product !== product) {
      throw unauthorized('Could not validate credentials');
    }
    if (this.now() >= issued.expiresAt) throw unauthorized('Token is expired');
    return { product, userId: session.userId, email: session.email, sessionId: session.id };
  }

  /** Every access and refresh token issued so far (tests check none leaks anywhere). */
  issued(): string[] {
    return [...this.accessTokens.keys(), ...this.refreshTokens.keys()];
  }

  /** Makes every access token issued so far expired (refresh tokens stay valid). */
  expireAccessTokens(): void {
    const past = this.now() - 1;
    for (const issued of this.accessTokens.values())
      issued.expiresAt = Math.min(issued.expiresAt, past);
  }

  /**
   * Deletes the stored refresh token of every session of a user: they can no longer refresh.
   * Access tokens stay valid until they expire, like the upstream's stateless JWTs.
   */
  endRefreshOfUser(product: Product, userId: number): void {
    for (const session of this.sessions.values()) {
      if (session.product === product && session.userId === userId) session.refreshToken = null;
    }
  }

  /** Sessions that can still refresh. */
  activeSessions(product?: Product): number {
    return [...this.sessions.values()].filter(
      (session) => session.refreshToken !== null && (!product || session.product === product),
    ).length;
  }

  private endSession(session: Session): void {
    session.refreshToken = null;
    for (const token of session.accessTokens) this.accessTokens.delete(token);
    session.accessTokens.clear();
  }

  private issuePair(session: Session): NueyneTokenResponse {
    const now = this.now();
    const accessToken = opaqueToken(session.product, 'at');
    const refreshToken = opaqueToken(session.product, 'rt');
    this.accessTokens.set(accessToken, {
      sessionId: session.id,
      product: session.product,
      expiresAt: now + this.accessTtlSeconds * 1000,
    });
    this.refreshTokens.set(refreshToken, {
      sessionId: session.id,
      product: session.product,
      expiresAt: now + this.refreshTtlSeconds * 1000,
    });
    session.accessTokens.add(accessToken);
    session.refreshToken = refreshToken;
    return {
      access_token: accessToken,
      expires_in: this.accessTtlSeconds,
      refresh_token: refreshToken,
      refresh_expires_in: this.refreshTtlSeconds,
      id: session.userId ?? 0,
      token_type: 'bearer',
    };
  }
}

const signInForm = { username: required('str'), password: required('str') };
const refreshBody = { refresh_token: required('str') };

const sameEmail = (a: string, b: string): boolean =>
  a.trim().toLowerCase() === b.trim().toLowerCase();

/** Sign-in and refresh of both products. */
export function registerAuthRoutes(app: FastifyInstance, ctx: NueyneContext): void {
  app.post('/api/v1/lux/auth/email/signin', (request) => {
    const form = validateForm(request, signInForm);
    const user = ctx.state.lux.users.find((candidate) => sameEmail(candidate.email, form.username));
    if (!user) throw new NueyneHttpError(404, 'User not found');
    if (user.status === 'deleted') throw new NueyneHttpError(410, 'User is Deleted');
    if (user.password !== form.password) throw new NueyneHttpError(400, 'Password is invalid');
    if (user.status === 'blocked') throw new NueyneHttpError(423, 'Access denied. Account blocked');
    if (user.status === 'signup_pending') throw new NueyneHttpError(401, 'Sign-up not completed');
    if (user.status === 'sms_required') throw new NueyneHttpError(403, 'SMS verification required');
    return ctx.tokens.signIn('lux', user.id, user.email);
  });

  app.post('/api/v1/legacy/auth/signin', (request) => {
    const form = validateForm(request, signInForm);
    const user = ctx.state.legacy.users.find((candidate) =>
      sameEmail(candidate.email, form.username),
    );
    if (!user || user.password !== form.password) throw unauthorized('Incorrect email or password');
    if (user.status === 'deleted') throw new NueyneHttpError(410, 'User is deleted');
    if (user.status === 'unverified') throw new NueyneHttpError(403, 'Email is not verified');
    if (user.status === 'blocked') throw new NueyneHttpError(423, 'User is blocked');
    return ctx.tokens.signIn('legacy', user.id, user.email);
  });

  for (const product of ['lux', 'legacy'] as const) {
    app.post(`/api/v1/${product}/auth/refresh-token`, (request) => {
      const body = validateBody(request.body, refreshBody);
      return ctx.tokens.rotate(product, body.refresh_token);
    });
  }
}
