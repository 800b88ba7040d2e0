import { LRUCache } from 'lru-cache';
import { Injectable } from '@nestjs/common';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { NearCache } from '../../near-cache/near-cache';
import { KeyValueStore } from '../../redis/key-value.store';
import { CredentialVault } from '../crypto/credential-vault';
import { Principal, Provider, PROVIDERS } from '../../common/access/principal';
import { SessionKeys } from '../session/session.keys';
import { SessionService } from '../session/session.service';
import {
  LinkRecord,
  LinkSummary,
  NueyneLink,
  NueyneProduct,
  ThinqLink,
} from '../session/session.types';

/**
 * Where a link is kept: its Redis key, and the scope its Nueyne token refresh is serialised on
 * (the session, or the user for a user's link). `sid`: set for a session's link.
 */
export interface LinkRef {
  key: string;
  scope: string;
  sid?: string;
}

export function notLinked(provider: Provider, detail?: string): ProblemException {
  return new ProblemException(ErrorCode.ACCOUNT_NOT_LINKED, {
    detail:
      detail ??
      (provider === 'thinq'
        ? 'No ThinQ account is linked to this user. Link one with PUT /v1/me/links/thinq (once: it serves every session of the user).'
        : `No ${provider} account is linked. Link one with PUT /v1/me/links/${provider}.`),
    extensions: { provider },
  });
}

export function loginRequired(provider: Provider): ProblemException {
  return new ProblemException(ErrorCode.UPSTREAM_LOGIN_REQUIRED, {
    detail: `The ${provider} login has ended upstream. Sign in again with PUT /v1/me/links/${provider}.`,
    upstream: { name: provider === 'thinq' ? 'thinq' : 'nueyne', status: 401 },
    extensions: { provider },
  });
}

/**
 * The upstream accounts a user and a session hold. The Lux or Legacy sign-in, and a Nueyne link,
 * belong to the session (`sess:{sid}:link:<product>`: the Nueyne login a session holds, refreshed
 * for it). A ThinQ link belongs to the user (`user:{sub}:link:thinq`): linking once serves every
 * session of the user on every instance, until the user unlinks, ThinQ refuses the token, or the
 * account is deleted; signing out one session keeps it.
 *
 * Records are sealed with AES-256-GCM (the Redis key as additional data) before they reach Redis
 * and are never returned to clients: summaries carry no token. Requests read them through the
 * near-cache (a save or removal invalidates them on every instance); the Nueyne refresh reads
 * Redis itself, since it must see what another instance has just stored.
 */
@Injectable()
export class LinkedAccounts {
  /** Sealed link values this process has opened, by key and sealed value (bounded, least recent out). */
  private readonly opened = new LRUCache<string, LinkRecord>({ max: 10_000 });

  constructor(
    private readonly store: KeyValueStore,
    private readonly vault: CredentialVault,
    private readonly sessions: SessionService,
    private readonly near: NearCache,
  ) {}

  private sessionOf(principal: Principal, provider: Provider): string {
    if (principal.kind !== 'user' || !principal.sid) {
      throw notLinked(provider, `Service tokens hold no ${provider} account; use a user session.`);
    }
    return principal.sid;
  }

  /** The user whose ThinQ link the caller uses (user sessions only). */
  private userOf(principal: Principal, provider: Provider): string {
    this.sessionOf(principal, provider);
    return principal.sub;
  }

  /**
   * Whether the caller's link of this provider is the user's (every session of the user) rather
   * than the session's: ThinQ always; Legacy credentials linked by a user who did not sign in
   * with Legacy (a Legacy sign-in is the session's own link, as a Lux one is).
   */
  static isUserLink(principal: Pick<Principal, 'sub'>, provider: Provider): boolean {
    return provider === 'thinq' || (provider === 'legacy' && !principal.sub.startsWith('legacy:'));
  }

  /** Where the caller's link of this provider is: the user's or the session's. */
  private keyOf(principal: Principal, provider: Provider): string {
    return this.refOf(principal, provider).key;
  }

  private refOf(principal: Principal, provider: Provider): LinkRef {
    const sid = this.sessionOf(principal, provider);
    return LinkedAccounts.isUserLink(principal, provider)
      ? { key: SessionKeys.userLink(principal.sub, provider), scope: principal.sub }
      : { key: SessionKeys.link(sid, provider), scope: sid, sid };
  }

  /** The link as requests see it: through the near-cache. */
  private readKey(key: string): Promise<LinkRecord | undefined> {
    return this.near.read(key, () => this.readStored(key));
  }

  /** The link as Redis holds it now. */
  private async readStored(key: string): Promise<LinkRecord | undefined> {
    const sealed = await this.store.get(key);
    if (!sealed) return undefined;
    // Only the decryption of a sealed value already seen is skipped. The key is part of the memo
    // key, as it is of the sealed value's additional data, so a value copied under another key
    // does not open from here either.
    const memoKey = `${key}\n${sealed}`;
    const known = this.opened.get(memoKey);
    if (known) return known;
    const opened = this.vault.open(sealed, key);
    if (!opened) return undefined;
    const record = Object.freeze(JSON.parse(opened) as LinkRecord);
    this.opened.set(memoKey, record);
    return record;
  }

  async save(sid: string, record: LinkRecord): Promise<void> {
    const key = SessionKeys.link(sid, record.provider);
    const session = SessionKeys.session(sid);
    const remaining = await this.store.ttl(session);
    if (remaining === -2)
      throw new ProblemException(ErrorCode.INVALID_TOKEN, { detail: 'The session has ended.' });
    await this.store.set(
      key,
      this.vault.seal(JSON.stringify(record), key),
      remaining > 0 ? { ttlMs: remaining } : {},
    );
    await this.near.invalidate([key]);
    if (record.provider === 'lux') await this.sessions.trackLuxAccount(record.accountId, sid);
  }

  /** Drops the caller's link: the session's, or for ThinQ the user's (every session's). */
  async remove(principal: Principal, provider: Provider): Promise<boolean> {
    const key = this.keyOf(principal, provider);
    const existing = await this.readStored(key);
    if (existing?.provider === 'lux')
      await this.sessions.untrackLuxAccount(
        existing.accountId,
        this.sessionOf(principal, provider),
      );
    const removed = await this.store.del(key);
    await this.near.invalidate([key]);
    return removed;
  }

  /** Where the caller's Nueyne link is (the token refresh stores and locks there). */
  nueyneRef(principal: Principal, product: NueyneProduct): LinkRef {
    return this.refOf(principal, product);
  }

  /** The name of the lease a Nueyne link's token refresh holds across instances. */
  nueyneRefreshLock(ref: LinkRef, product: NueyneProduct): string {
    return SessionKeys.nueyneRefreshLock(ref.scope, product);
  }

  /**
   * The Nueyne link as Redis holds it now (the token refresh: it must see tokens another
   * instance has just stored), or 403 ACCOUNT_NOT_LINKED / 401 UPSTREAM_LOGIN_REQUIRED.
   */
  async nueyne(ref: LinkRef, product: NueyneProduct): Promise<NueyneLink> {
    return this.usableNueyne(await this.readStored(ref.key), product);
  }

  /** The Nueyne link of the caller (requests: through the near-cache). */
  async nueyneOf(principal: Principal, product: NueyneProduct): Promise<NueyneLink> {
    return this.usableNueyne(await this.readKey(this.keyOf(principal, product)), product);
  }

  private usableNueyne(record: LinkRecord | undefined, product: NueyneProduct): NueyneLink {
    if (!record || record.provider !== product) throw notLinked(product);
    if (record.loginRequired) throw loginRequired(product);
    return record;
  }

  /** Stores a Nueyne link where `ref` says: the session's (until it ends) or the user's. */
  async saveNueyne(ref: LinkRef, record: NueyneLink): Promise<void> {
    if (ref.sid !== undefined) return this.save(ref.sid, record);
    await this.store.set(ref.key, this.vault.seal(JSON.stringify(record), ref.key));
    await this.near.invalidate([ref.key]);
  }

  /** Links a Nueyne account for the caller: the session's link, or the user's (isUserLink). */
  async linkNueyne(principal: Principal, record: NueyneLink): Promise<void> {
    // Replaces any earlier link of this product (remove() also drops its Lux session index entry).
    await this.remove(principal, record.provider);
    await this.saveNueyne(this.refOf(principal, record.provider), record);
  }

  async markLoginRequired(ref: LinkRef, product: NueyneProduct): Promise<void> {
    const record = await this.readStored(ref.key);
    if (record && record.provider === product) {
      await this.saveNueyne(ref, {
        ...record,
        loginRequired: true,
        accessToken: '',
        refreshToken: undefined,
      });
    }
  }

  /**
   * The ThinQ account of the caller's user (403 ACCOUNT_NOT_LINKED without one). `linkedAt`
   * changes with every link, so caches keyed on it drop what an earlier link read. `owner` is the
   * user the link belongs to: the ThinQ budget is counted for it, and a refusal of the token by
   * ThinQ drops its link (dropThinq).
   */
  async thinq(principal: Principal): Promise<{
    accessToken: string;
    countryCode: string;
    linkedAt: number;
    owner: string;
  }> {
    const owner = this.userOf(principal, 'thinq');
    const record = await this.readKey(SessionKeys.userLink(owner, 'thinq'));
    if (!record || record.provider !== 'thinq') throw notLinked('thinq');
    return {
      accessToken: record.accessToken,
      countryCode: record.countryCode,
      linkedAt: record.linkedAt,
      owner,
    };
  }

  /**
   * Links (or links again: it replaces the user's link) the ThinQ account for every session of
   * the caller's user. Kept without expiry: until unlinked, refused by ThinQ or the account
   * deleted. `ifAbsent`: only when the user has no ThinQ link (the sandbox's demo link).
   */
  async saveThinq(
    principal: Pick<Principal, 'kind' | 'sub' | 'sid'>,
    accessToken: string,
    countryCode: string,
    now: number,
    { ifAbsent = false }: { ifAbsent?: boolean } = {},
  ): Promise<void> {
    const owner = this.userOf(principal as Principal, 'thinq');
    if (!ifAbsent) {
      // The caller's session must still be open (a link made by a signed-out session is refused).
      const sid = this.sessionOf(principal as Principal, 'thinq');
      if ((await this.store.ttl(SessionKeys.session(sid))) === -2)
        throw new ProblemException(ErrorCode.INVALID_TOKEN, { detail: 'The session has ended.' });
    }
    const key = SessionKeys.userLink(owner, 'thinq');
    const record: ThinqLink = { provider: 'thinq', accessToken, countryCode, linkedAt: now };
    await this.store.set(key, this.vault.seal(JSON.stringify(record), key), { ifAbsent });
    await this.near.invalidate([key]);
  }

  /**
   * ThinQ refused this token of the owner's link (invalid token, unknown user): the link is
   * dropped for every session of the user, unless it has been replaced by another token since.
   */
  async dropThinq(owner: string, accessToken: string): Promise<void> {
    const key = SessionKeys.userLink(owner, 'thinq');
    const sealed = await this.store.get(key);
    if (!sealed) return;
    const record = await this.readStored(key);
    if (record?.provider !== 'thinq' || record.accessToken !== accessToken) return;
    await this.store.deleteIfEquals(key, sealed);
    await this.near.invalidate([key]);
  }

  async summaries(principal: Principal): Promise<LinkSummary[]> {
    const sid = principal.kind === 'user' ? principal.sid : undefined;
    return Promise.all(
      PROVIDERS.map(async (provider): Promise<LinkSummary> => {
        const record = sid ? await this.readKey(this.keyOf(principal, provider)) : undefined;
        if (!record) return { provider, linked: false };
        const linkedAt = new Date(record.linkedAt).toISOString();
        if (record.provider === 'thinq') {
          return {
            provider,
            linked: true,
            state: 'active',
            countryCode: record.countryCode,
            linkedAt,
          };
        }
        return {
          provider,
          linked: true,
          state: record.loginRequired ? 'login_required' : 'active',
          accountId: record.accountId,
          linkedAt,
        };
      }),
    );
  }
}
