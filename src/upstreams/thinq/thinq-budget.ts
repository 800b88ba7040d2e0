import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../../common/clock';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { KeyValueStore, StoreUnavailableError } from '../../redis/key-value.store';

const HOUR_MS = 60 * 60 * 1000;

/**
 * What a call is for. Commands may spend the reserve (THINQ_COMMAND_RESERVE) that reads leave:
 * a user pressing "stop" on a washer matters more than a poll.
 */
export type ThinqCallKind = 'read' | 'command';

/**
 * The account a budget belongs to. ThinQ names no account in its API (the token is opaque, and no
 * v2 route answers a user id), so the account is the link that holds it: the gateway user who
 * linked it (`owner`), whichever session or token calls. Without an owner (a token checked before
 * any link), the token (only its digest is stored).
 */
export interface ThinqBudgetAccount {
  accessToken: string;
  owner?: string;
}

export interface ThinqBudgetState {
  /** Calls of this kind the account may still make in the rolling hour. */
  remaining: number;
  /** Seconds until a call of this kind may be made again; 0 when one may be made now. */
  retryAfterSeconds: number;
}

/** The answer of `tryConsume`: whether one call was taken from the budget. */
export interface ThinqBudgetDecision extends ThinqBudgetState {
  allowed: boolean;
}

/** The problem a caller sees when the account's budget is spent and nothing cached can answer. */
export function quotaExhausted(
  retryAfterSeconds: number,
  kind: ThinqCallKind = 'read',
): ProblemException {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const when =
    kind === 'command'
      ? `commands can be sent again in ${seconds} s`
      : `fresh appliance data can be fetched again in ${seconds} s`;
  return new ProblemException(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED, {
    detail: `The hourly ThinQ call quota of the linked account is spent; ${when}.`,
    upstream: { name: 'thinq' },
    headers: { 'retry-after': String(seconds) },
    extensions: { provider: 'thinq' },
  });
}

/**
 * The gateway's own count of ThinQ calls per linked account and rolling hour, in the shared store
 * (a sliding log, so the count holds across instances and any 60 minutes hold at most the
 * budget), against THINQ_HOURLY_CALL_BUDGET, set below LG's unpublished per-user limit. Reads stop
 * at the budget minus THINQ_COMMAND_RESERVE; commands may spend the whole budget. When ThinQ
 * itself answers with a quota code, the account is blocked for as long as ThinQ asks.
 *
 * The count is per account (a digest of the owning user's id, see ThinqBudgetAccount): every
 * session of the user, and every token the user links, spend one budget; one account spending its
 * budget never touches another's. A store failure lets the call through (fail-open, counted), like the rate
 * limits: the budget protects the account's quota, and a Redis outage must not stop commands.
 *
 * Every ThinQ call on a user's account goes through ThinqClient, which asks here first; a poller
 * (server-sent status) asks `remaining()` to pace itself.
 */
@Injectable()
export class ThinqBudget {
  private readonly logger = new Logger(ThinqBudget.name);

  constructor(
    private readonly store: KeyValueStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  /** The most calls of this kind the account may make in an hour. */
  limit(kind: ThinqCallKind): number {
    const { hourlyCallBudget, commandReserve } = this.config.thinq;
    return kind === 'command' ? hourlyCallBudget : hourlyCallBudget - commandReserve;
  }

  /** Takes one call of this kind from the account's budget, or says when one may be taken. */
  tryConsume(
    account: ThinqBudgetAccount,
    kind: ThinqCallKind = 'read',
  ): Promise<ThinqBudgetDecision> {
    return this.check(account, kind, true);
  }

  /** What the account has left for this kind, without taking anything. */
  async remaining(
    account: ThinqBudgetAccount,
    kind: ThinqCallKind = 'read',
  ): Promise<ThinqBudgetState> {
    const { remaining, retryAfterSeconds } = await this.check(account, kind, false);
    return { remaining, retryAfterSeconds };
  }

  /** Takes one call, or throws 429 UPSTREAM_QUOTA_EXHAUSTED with Retry-After. */
  async admit(account: ThinqBudgetAccount, kind: ThinqCallKind): Promise<void> {
    const decision = await this.tryConsume(account, kind);
    if (!decision.allowed) {
      this.metrics.rateLimited.labels(`thinq-budget-${kind}`).inc();
      throw quotaExhausted(decision.retryAfterSeconds, kind);
    }
  }

  /** ThinQ refused the account for its quota (1306, 1314, HTTP 429): no call until then. */
  async block(account: ThinqBudgetAccount, seconds: number): Promise<void> {
    this.metrics.rateLimited.labels('thinq-upstream-quota').inc();
    try {
      await this.store.set(this.blockKey(account), '1', { ttlMs: Math.max(1, seconds) * 1000 });
    } catch (error) {
      this.failOpen(error);
    }
  }

  private async check(
    account: ThinqBudgetAccount,
    kind: ThinqCallKind,
    take: boolean,
  ): Promise<ThinqBudgetDecision> {
    const limit = this.limit(kind);
    try {
      const blockedMs = await this.store.ttl(this.blockKey(account));
      if (blockedMs > 0) {
        return { allowed: false, remaining: 0, retryAfterSeconds: Math.ceil(blockedMs / 1000) };
      }
      const window = await this.store.takeFromWindow(this.logKey(account), {
        now: this.clock.now(),
        windowMs: HOUR_MS,
        limit,
        take,
      });
      const remaining = Math.max(0, limit - window.count);
      this.metrics.recordThinqBudget(this.id(account).slice(0, 8), kind, remaining, limit);
      return {
        allowed: window.taken,
        remaining,
        retryAfterSeconds: Math.ceil(window.retryAfterMs / 1000),
      };
    } catch (error) {
      this.failOpen(error);
      return { allowed: true, remaining: limit, retryAfterSeconds: 0 };
    }
  }

  private failOpen(error: unknown): void {
    if (!(error instanceof StoreUnavailableError)) throw error;
    this.metrics.storeFailOpen.labels('thinq-budget').inc();
    this.logger.warn(`ThinQ call budget not enforced: ${error.message}`);
  }

  /** The account's key: a digest of its owner, or of its token (which never reaches the store). */
  private id(account: ThinqBudgetAccount): string {
    // A token has no newline (ThinQ tokens are visible ASCII), so the two never meet.
    const identity = account.owner !== undefined ? `user\n${account.owner}` : account.accessToken;
    return createHash('sha256').update(identity).digest('base64url').slice(0, 22);
  }

  private logKey(account: ThinqBudgetAccount): string {
    return `thinq-budget:${this.id(account)}`;
  }

  private blockKey(account: ThinqBudgetAccount): string {
    return `thinq-budget-block:${this.id(account)}`;
  }
}
