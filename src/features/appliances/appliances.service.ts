import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { RequestContext } from '../../common/context/request-context';
import { LinkedAccounts } from '../../auth/links/linked-accounts.service';
import { Principal } from '../../common/access/principal';
import { CachePolicy, Cached, ReadOptions, ResponseCache } from '../../cache/response-cache';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config/app-config';
import { ThinqCallKind } from '../../upstreams/thinq/thinq-budget';
import { ThinqAccount, ThinqClient, ThinqDocument } from '../../upstreams/thinq/thinq.client';
import { ApplianceDto } from './appliance.dto';
import { validateCommand } from './command-validator';

/** How long a device's type is kept (it never changes; a day bounds what an unlinked device leaves). */
const DEVICE_TYPE_TTL_MS = 24 * 60 * 60 * 1000;

/** The DTO's rule (ApplianceParamsDto), again for callers that are not a request. */
const DEVICE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** A command ThinQ accepted: the device's status has changed (appliance events poll it at once). */
export interface ApplianceCommandSent {
  account: ThinqAccount;
  deviceId: string;
}

/**
 * LG ThinQ appliances of the caller's linked account, with the list, status and profile caches.
 * Every ThinQ call spends the account's hourly budget (ThinqClient); when it is spent, the caches
 * answer with what they hold (STALE, with the reason) and only an empty cache is a 429.
 */
@Injectable()
export class AppliancesService {
  readonly devicesPolicy: CachePolicy;
  readonly statusPolicy: CachePolicy;
  readonly profilePolicy: CachePolicy;
  /** A device's type, which never changes: read from the list once, then kept for days. */
  readonly deviceTypePolicy: CachePolicy;
  /** Policies of polls (appliance events), by cache and the age they accept. */
  private readonly pollPolicies = new Map<string, CachePolicy>();
  /**
   * The types this process has already read, by status key: a device's type never changes, so a
   * warm status read skips a second cache lookup (nothing to invalidate).
   */
  private readonly knownTypes = new LRUCache<string, string>({ max: 10_000 });
  private readonly commandListeners: ((sent: ApplianceCommandSent) => void)[] = [];

  constructor(
    private readonly thinq: ThinqClient,
    private readonly links: LinkedAccounts,
    private readonly cache: ResponseCache,
    config: AppConfig,
  ) {
    this.devicesPolicy = {
      name: 'thinq-devices',
      freshMs: config.thinq.devicesFreshMs,
      staleWhileRevalidateMs: config.thinq.devicesStaleWhileRevalidateMs,
      staleIfErrorMs: config.thinq.devicesStaleIfErrorMs,
    };
    // Keyed by the ThinQ account (not the user or the link): every session of the account shares
    // the status, so reads and appliance-event polls share ThinQ calls. Safe: an entry answers
    // only a caller whose own link holds the same token, who could read it from ThinQ anyway.
    this.statusPolicy = {
      name: 'thinq-status',
      freshMs: config.thinq.statusFreshMs,
      staleWhileRevalidateMs: config.thinq.statusStaleWhileRevalidateMs,
      staleIfErrorMs: config.thinq.statusStaleIfErrorMs,
      scope: 'account',
    };
    this.profilePolicy = {
      name: 'thinq-profile',
      freshMs: config.thinq.profileTtlMs,
      staleIfErrorMs: config.thinq.profileTtlMs,
    };
    this.deviceTypePolicy = {
      name: 'thinq-device-type',
      freshMs: DEVICE_TYPE_TTL_MS,
      staleIfErrorMs: DEVICE_TYPE_TTL_MS,
      scope: 'account',
    };
  }

  /** The appliance list, cached per user and link like the status (GET /v1/appliances, aggregates). */
  async list(
    ctx: RequestContext,
    principal: Principal,
    options?: ReadOptions,
  ): Promise<Cached<ApplianceDto[]>> {
    const account = await this.links.thinq(principal);
    return this.cache.get(
      this.devicesPolicy,
      principal,
      `list:${fingerprint(account)}`,
      async () =>
        (await this.thinq.devices(ctx, account)).map((device): ApplianceDto => ({ ...device })),
      options,
    );
  }

  /**
   * A poll of the list (appliance events): the caller's list cache entry, refreshed now when it
   * is older than `maxAgeMs`.
   */
  async pollList(
    ctx: RequestContext,
    principal: Principal,
    maxAgeMs: number,
  ): Promise<Cached<ApplianceDto[]>> {
    const account = await this.links.thinq(principal);
    const policy = this.pollPolicy(this.devicesPolicy, maxAgeMs);
    return this.cache.get(policy, principal, `list:${fingerprint(account)}`, async () =>
      (await this.thinq.devices(ctx, account)).map((device): ApplianceDto => ({ ...device })),
    );
  }

  async profile(
    ctx: RequestContext,
    principal: Principal,
    deviceId: string,
  ): Promise<Cached<ThinqDocument>> {
    checkDeviceId(deviceId);
    const account = await this.links.thinq(principal);
    return this.cachedProfile(ctx, principal, account, deviceId, 'read');
  }

  /**
   * The status (cached) and the device's `deviceType`. The type comes from its own long-lived
   * cache entry, filled from the (cached) list when the status is first read: a warm read makes
   * no ThinQ call for it.
   */
  async status(
    ctx: RequestContext,
    principal: Principal,
    deviceId: string,
  ): Promise<Cached<ThinqDocument> & { deviceType: string }> {
    checkDeviceId(deviceId);
    const account = await this.links.thinq(principal);
    const key = statusKey(account, deviceId);
    const status = await this.cache.get(this.statusPolicy, principal, key, () =>
      this.thinq.status(ctx, account, deviceId),
    );
    let deviceType = this.knownTypes.get(key);
    if (deviceType === undefined) {
      deviceType = (
        await this.cache.get(this.deviceTypePolicy, principal, key, () =>
          this.deviceTypeOf(ctx, principal, deviceId),
        )
      ).value;
      this.knownTypes.set(key, deviceType);
    }
    return { ...status, deviceType };
  }

  /**
   * The device's type from the list: any list the cache still holds will do (types never
   * change), so this calls ThinQ only when none is held; a device that list lacks re-reads it.
   */
  private async deviceTypeOf(
    ctx: RequestContext,
    principal: Principal,
    deviceId: string,
  ): Promise<string> {
    const find = (devices: ApplianceDto[]) =>
      devices.find((device) => device.deviceId === deviceId)?.deviceType;
    const type =
      find((await this.pollList(ctx, principal, DEVICE_TYPE_TTL_MS)).value) ??
      find((await this.pollList(ctx, principal, 0)).value);
    if (type === undefined) {
      throw new ProblemException(ErrorCode.DEVICE_NOT_FOUND, {
        detail: 'The linked ThinQ account has no such device.',
      });
    }
    return type;
  }

  /**
   * A poll of the status (appliance events): the same cache entry as `status()`, but a value
   * older than `maxAgeMs` is refreshed now and waited for (within the cache's refresh wait)
   * rather than answered stale: a poll wants what the device shows now. Failures and the spent
   * budget answer as they do for `status()` (stale-if-error with the reason, then the problem).
   */
  pollStatus(
    ctx: RequestContext,
    principal: Principal,
    account: ThinqAccount,
    deviceId: string,
    maxAgeMs: number,
  ): Promise<Cached<ThinqDocument>> {
    checkDeviceId(deviceId);
    const policy = this.pollPolicy(this.statusPolicy, maxAgeMs);
    return this.cache.get(policy, principal, statusKey(account, deviceId), () =>
      this.thinq.status(ctx, account, deviceId),
    );
  }

  /**
   * A status ThinQ pushed (the whole status after the merge), as the status cache's value now:
   * `GET .../status` answers it without a ThinQ read.
   */
  storePushedStatus(
    principal: Principal,
    account: ThinqAccount,
    deviceId: string,
    status: ThinqDocument,
  ): Promise<void> {
    return this.cache.put(this.statusPolicy, principal, statusKey(account, deviceId), status);
  }

  /** Called after every command ThinQ accepted (the status cache entry is dropped by then). */
  onCommand(listener: (sent: ApplianceCommandSent) => void): void {
    this.commandListeners.push(listener);
  }

  /** Checks the command against the (cached) profile, sends it, and drops the cached status. */
  async command(
    ctx: RequestContext,
    principal: Principal,
    deviceId: string,
    command: unknown,
  ): Promise<void> {
    checkDeviceId(deviceId);
    const account = await this.links.thinq(principal);
    // Read for the command: it may spend the budget's command reserve, like the command itself.
    const profile = await this.cachedProfile(ctx, principal, account, deviceId, 'command');
    const problems = validateCommand(profile.value, command);
    if (problems.length > 0) {
      throw new ProblemException(ErrorCode.INVALID_COMMAND, {
        detail: `The device refuses this command: ${problems
          .map((p) => `${p.field} ${p.message}`)
          .join('; ')}.`,
        errors: problems,
      });
    }
    await this.thinq.control(ctx, account, deviceId, command as ThinqDocument);
    await this.cache.invalidate(this.statusPolicy, principal, statusKey(account, deviceId));
    for (const listener of this.commandListeners) listener({ account, deviceId });
  }

  /** The policy of a poll: the same entries as `base`, fresh for `maxAgeMs`, never answered stale at once. */
  private pollPolicy(base: CachePolicy, maxAgeMs: number): CachePolicy {
    const key = `${base.name}:${maxAgeMs}`;
    let policy = this.pollPolicies.get(key);
    if (!policy) {
      policy = { ...base, freshMs: maxAgeMs, staleWhileRevalidateMs: 0 };
      this.pollPolicies.set(key, policy);
    }
    return policy;
  }

  private cachedProfile(
    ctx: RequestContext,
    principal: Principal,
    account: ThinqAccount,
    deviceId: string,
    kind: ThinqCallKind,
  ): Promise<Cached<ThinqDocument>> {
    return this.cache.get(this.profilePolicy, principal, cacheKey(account, deviceId), () =>
      this.thinq.profile(ctx, account, deviceId, kind),
    );
  }
}

function checkDeviceId(deviceId: string): void {
  if (!DEVICE_ID.test(deviceId)) {
    throw new ProblemException(ErrorCode.VALIDATION_FAILED, {
      detail: 'deviceId must be a ThinQ device id (letters, digits, dot, dash, underscore).',
      errors: [{ field: 'deviceId', message: 'must be 1-128 characters of A-Z a-z 0-9 . _ -' }],
    });
  }
}

/** Fingerprints of the accounts seen lately, so a warm read hashes nothing (bounded). */
const fingerprints = new LRUCache<string, string>({ max: 10_000 });

/**
 * A fingerprint of the link: the account (token and country) and when it was linked, so a session
 * that links another account never sees the previous account's values, and a new link (even of
 * the same account) or an unlink and re-link starts from an empty cache on every instance. A
 * truncated SHA-256; the token itself never reaches the store.
 */
function fingerprint(account: ThinqAccount): string {
  const identity = `${account.countryCode.toUpperCase()}\n${account.linkedAt ?? 0}\n${account.accessToken}`;
  let value = fingerprints.get(identity);
  if (value === undefined) {
    value = createHash('sha256').update(identity).digest('base64url').slice(0, 16);
    fingerprints.set(identity, value);
  }
  return value;
}

/** The cache key of a device's profile under the user. */
function cacheKey(account: ThinqAccount, deviceId: string): string {
  return `${deviceId}:${fingerprint(account)}`;
}

/** The ThinQ accounts seen lately, by country and token (bounded). */
const accountIds = new LRUCache<string, string>({ max: 10_000 });

/**
 * Who a ThinQ account is to the gateway: a truncated SHA-256 of its country and token (the token
 * names the ThinQ user; the country its region), the same for every session that linked it. It
 * keys what the account's sessions share (the status cache, appliance event feeds) and never
 * reveals the token.
 */
export function thinqAccountId(account: Pick<ThinqAccount, 'accessToken' | 'countryCode'>): string {
  const identity = `${account.countryCode.toUpperCase()}\n${account.accessToken}`;
  let value = accountIds.get(identity);
  if (value === undefined) {
    value = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
    accountIds.set(identity, value);
  }
  return value;
}

/** The cache key of a device's status under the account (policy scope `account`). */
function statusKey(account: ThinqAccount, deviceId: string): string {
  return `${thinqAccountId(account)}:${deviceId}`;
}
