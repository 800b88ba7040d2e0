import { LRUCache } from 'lru-cache';
import { Injectable } from '@nestjs/common';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { NearCache } from '../../near-cache/near-cache';
import { KeyValueStore } from '../../redis/key-value.store';
import { CredentialVault } from '../crypto/credential-vault';
import { Principal, Provider, PROVIDERS } from '../principal';
import { SessionKeys } from '../session/session.keys';
import { SessionService } from '../session/session.service';
import {
  LinkRecord,
  LinkSummary,
  NueyneLink,
  NueyneProduct,
  ThinqLink,
} from '../session/session.types';

export function notLinked(provider: Provider, detail?: string): ProblemException {
  return new ProblemException(ErrorCode.ACCOUNT_NOT_LINKED, {
    detail:
      detail ??
      `This session has no ${provider} account. Link one with PUT /v1/me/links/${provider}.`,
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
 * The upstream accounts a session holds. Records are sealed with AES-256-GCM before they reach
 * Redis and are never returned to clients: summaries carry no token. Requests read them through
 * the near-cache (a save or removal invalidates them on every instance); the Nueyne refresh reads
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

  /** The link as requests see it: through the near-cache. */
  private read(sid: string, provider: Provider): Promise<LinkRecord | undefined> {
    const key = SessionKeys.link(sid, provider);
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

  async remove(principal: Principal, provider: Provider): Promise<boolean> {
    const sid = this.sessionOf(principal, provider);
    const key = SessionKeys.link(sid, provider);
    const existing = await this.readStored(key);
    if (existing?.provider === 'lux')
      await this.sessions.untrackLuxAccount(existing.accountId, sid);
    const removed = await this.store.del(key);
    await this.near.invalidate([key]);
    return removed;
  }

  /**
   * The Nueyne link of a session as Redis holds it now (the token refresh: it must see tokens
   * another instance has just stored), or 403 ACCOUNT_NOT_LINKED / 401 UPSTREAM_LOGIN_REQUIRED.
   */
  async nueyne(sid: string, product: NueyneProduct): Promise<NueyneLink> {
    return this.usableNueyne(await this.readStored(SessionKeys.link(sid, product)), product);
  }

  /** The Nueyne link of the caller's session (requests: through the near-cache). */
  async nueyneOf(principal: Principal, product: NueyneProduct): Promise<NueyneLink> {
    const sid = this.sessionOf(principal, product);
    return this.usableNueyne(await this.read(sid, product), product);
  }

  private usableNueyne(record: LinkRecord | undefined, product: NueyneProduct): NueyneLink {
    if (!record || record.provider !== product) throw notLinked(product);
    if (record.loginRequired) throw loginRequired(product);
    return record;
  }

  async markLoginRequired(sid: string, product: NueyneProduct): Promise<void> {
    const record = await this.readStored(SessionKeys.link(sid, product));
    if (record && record.provider === product) {
      await this.save(sid, {
        ...record,
        loginRequired: true,
        accessToken: '',
        refreshToken: undefined,
      });
    }
  }

  /**
   * The ThinQ account of the caller's session (403 ACCOUNT_NOT_LINKED without one). `linkedAt`
   * changes with every link, so caches keyed on it drop what an earlier link read.
   */
  async thinq(
    principal: Principal,
  ): Promise<{ accessToken: string; countryCode: string; linkedAt: number }> {
    const record = await this.read(this.sessionOf(principal, 'thinq'), 'thinq');
    if (!record || record.provider !== 'thinq') throw notLinked('thinq');
    return {
      accessToken: record.accessToken,
      countryCode: record.countryCode,
      linkedAt: record.linkedAt,
    };
  }

  async saveThinq(
    principal: Principal,
    accessToken: string,
    countryCode: string,
    now: number,
  ): Promise<void> {
    const record: ThinqLink = { provider: 'thinq', accessToken, countryCode, linkedAt: now };
    await this.save(this.sessionOf(principal, 'thinq'), record);
  }

  async summaries(principal: Principal): Promise<LinkSummary[]> {
    const sid = principal.kind === 'user' ? principal.sid : undefined;
    return Promise.all(
      PROVIDERS.map(async (provider): Promise<LinkSummary> => {
        const record = sid ? await this.read(sid, provider) : undefined;
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
