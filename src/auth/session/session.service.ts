import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { NearCache } from '../../near-cache/near-cache';
import { KeyValueStore } from '../../redis/key-value.store';
import { Principal, PROVIDERS } from '../../common/access/principal';
import { SessionKeys } from './session.keys';
import { CredentialVault } from '../crypto/credential-vault';
import { NueyneLink, SessionRecord } from './session.types';

export type RotateResult =
  | { sid: string; refreshToken: string; session: SessionRecord }
  | { reused: true }
  | { invalid: true };

const REFRESH_PREFIX = 'rt1';

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/**
 * Gateway sessions in the shared store: opened by a user grant, kept alive by refresh-token
 * rotation, ended by revocation, reuse detection or account deletion, on every instance at once.
 * Whether a session is open (or a service token revoked) is read through the near-cache: ending a
 * session invalidates it there on every instance, and a remembered answer is at most
 * NEAR_CACHE_MAX_AGE_MS old even if that message is lost.
 */
/**
 * What may have changed on some instance: a session (ended, or one of its links), every session of
 * a user (a user's link), or anything (undefined: invalidations may have been lost).
 */
export type SessionChange = { sid: string } | { sub: string } | undefined;

@Injectable()
export class SessionService {
  constructor(
    private readonly store: KeyValueStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly vault: CredentialVault,
    private readonly near: NearCache,
  ) {}

  /**
   * Tells `listener` about every change to a session or a link that this instance learns of (its
   * own and the other instances', through the near-cache's invalidations).
   */
  onChange(listener: (change: SessionChange) => void): void {
    this.near.onInvalidate((keys) => {
      if (keys === undefined) return listener(undefined);
      for (const key of keys) {
        const sid = SessionKeys.sessionOf(key);
        if (sid) listener({ sid });
        const sub = SessionKeys.userOf(key);
        if (sub) listener({ sub });
      }
    });
  }

  private get ttlMs(): number {
    return this.config.auth.refreshTokenTtlSeconds * 1000;
  }

  async open(input: {
    sub: string;
    scopes: string[];
    clientId?: string;
  }): Promise<{ session: SessionRecord; refreshToken: string }> {
    const sid = randomBytes(16).toString('base64url');
    const session: SessionRecord = { sid, ...input, createdAt: this.clock.now() };
    const secret = randomBytes(32).toString('base64url');
    await this.store.set(SessionKeys.session(sid), JSON.stringify(session), { ttlMs: this.ttlMs });
    await this.store.set(SessionKeys.refresh(sid), digest(secret), { ttlMs: this.ttlMs });
    return { session, refreshToken: `${REFRESH_PREFIX}.${sid}.${secret}` };
  }

  async get(sid: string): Promise<SessionRecord | undefined> {
    const raw = await this.store.get(SessionKeys.session(sid));
    return raw ? (JSON.parse(raw) as SessionRecord) : undefined;
  }

  /** Is this access token's session still open? (Runs on every user request.) */
  isActive(sid: string): Promise<boolean> {
    const key = SessionKeys.session(sid);
    return this.near.read(key, async () => (await this.store.get(key)) !== null);
  }

  static parseRefreshToken(token: string): { sid: string; secret: string } | undefined {
    const [prefix, sid, secret, extra] = token.split('.');
    if (prefix !== REFRESH_PREFIX || !sid || !secret || extra !== undefined) return undefined;
    return { sid, secret };
  }

  /**
   * Rotates a refresh token. The old one works exactly once: a second use means it leaked
   * (RFC 6819 5.2.2.3), so the whole session ends.
   */
  async rotate(refreshToken: string): Promise<RotateResult> {
    const parsed = SessionService.parseRefreshToken(refreshToken);
    if (!parsed) return { invalid: true };
    const session = await this.get(parsed.sid);
    if (!session) return { invalid: true };
    const secret = randomBytes(32).toString('base64url');
    const swapped = await this.store.replaceIfEquals(
      SessionKeys.refresh(parsed.sid),
      digest(parsed.secret),
      digest(secret),
      this.ttlMs,
    );
    if (!swapped) {
      await this.end(parsed.sid);
      return { reused: true };
    }
    await this.store.set(SessionKeys.session(parsed.sid), JSON.stringify(session), {
      ttlMs: this.ttlMs,
    });
    return { sid: parsed.sid, refreshToken: `${REFRESH_PREFIX}.${parsed.sid}.${secret}`, session };
  }

  /** Does this refresh token belong to its session right now? (For revocation, which must not end sessions on forged tokens.) */
  async refreshTokenMatches(refreshToken: string): Promise<string | undefined> {
    const parsed = SessionService.parseRefreshToken(refreshToken);
    if (!parsed) return undefined;
    const stored = await this.store.get(SessionKeys.refresh(parsed.sid));
    if (!stored) return undefined;
    const a = Buffer.from(stored);
    const b = Buffer.from(digest(parsed.secret));
    return a.length === b.length && timingSafeEqual(a, b) ? parsed.sid : undefined;
  }

  /**
   * Ends one session and the links it holds. The user's own links (ThinQ, Legacy) stay: other sessions
   * of the user use them. (`sess:{sid}:link:thinq` is still deleted: the key of earlier releases.)
   */
  async end(sid: string): Promise<void> {
    const links = PROVIDERS.map((provider) => SessionKeys.link(sid, provider));
    await this.store.del(SessionKeys.session(sid));
    await this.store.del(SessionKeys.refresh(sid));
    await Promise.all(links.map((key) => this.store.del(key)));
    await this.near.invalidate([SessionKeys.session(sid), ...links]);
  }

  async trackLuxAccount(accountId: string, sid: string): Promise<void> {
    await this.store.addToSet(SessionKeys.luxAccountSessions(accountId), sid, this.ttlMs);
  }

  async untrackLuxAccount(accountId: string, sid: string): Promise<void> {
    await this.store.removeFromSet(SessionKeys.luxAccountSessions(accountId), sid);
  }

  /**
   * After the Lux account is deleted upstream: every gateway session holding it ends, and the
   * links the user held (ThinQ, Legacy) go too.
   */
  async endLuxAccountSessionsById(accountId: string): Promise<void> {
    const key = SessionKeys.luxAccountSessions(accountId);
    const sids = await this.store.members(key);
    await Promise.all(sids.map((sid) => this.end(sid)));
    await this.store.del(key);
    const userLinks = (['legacy', 'thinq'] as const).map((provider) =>
      SessionKeys.userLink(`lux:${accountId}`, provider),
    );
    await Promise.all(userLinks.map((userLink) => this.store.del(userLink)));
    await this.near.invalidate(userLinks);
  }

  /** Ends every gateway session of the Lux account linked to this principal's session (after DELETE /v1/me). */
  async endLuxAccountSessions(principal: Principal): Promise<void> {
    if (!principal.sid) return;
    const key = SessionKeys.link(principal.sid, 'lux');
    const sealed = await this.store.get(key);
    const opened = sealed ? this.vault.open(sealed, key) : undefined;
    if (opened) await this.endLuxAccountSessionsById((JSON.parse(opened) as NueyneLink).accountId);
    await this.end(principal.sid);
  }

  /** Denies a service access token until it would have expired (RFC 7009 for tokens without a session). */
  async revokeJti(jti: string, expEpochSeconds: number): Promise<void> {
    const ttlMs = expEpochSeconds * 1000 - this.clock.now();
    if (ttlMs <= 0) return;
    await this.store.set(SessionKeys.revokedJti(jti), '1', { ttlMs });
    await this.near.invalidate([SessionKeys.revokedJti(jti)]);
  }

  isJtiRevoked(jti: string): Promise<boolean> {
    const key = SessionKeys.revokedJti(jti);
    return this.near.read(key, async () => (await this.store.get(key)) !== null);
  }
}
