import { Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { RequestContext } from '../../common/context/request-context';
import { CredentialVault } from '../../auth/crypto/credential-vault';
import { Clock } from '../../common/clock';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { SingleFlight } from '../../common/single-flight';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { DistributedLock } from '../../redis/distributed-lock';
import { KeyValueStore, StoreUnavailableError } from '../../redis/key-value.store';
import { UpstreamResponse } from '../http/upstream-http.types';
import { InterwaterHttp } from './interwater.http';

const TOKEN_KEY = 'interwater:jwt';
const LOCK_KEY = 'lock:interwater:jwt';
/** Lifetime asked of Interwater, in minutes. */
const REQUESTED_MINUTES = 60;

interface HeldToken {
  token: string;
  /** Epoch ms. */
  exp: number;
  /** Epoch ms when it was fetched. */
  iat: number;
}

/** Redis being unreachable is not fatal here: the token is held in memory as well. */
function storeAway(error: unknown): undefined {
  if (error instanceof StoreUnavailableError) return undefined;
  throw error;
}

/** Interwater's `POST /v1/auth` answer. */
interface AuthResponseVendor {
  status?: boolean;
  data?: { accessToken?: string };
}

/**
 * The gateway's one Interwater JWT, shared by all users and instances: fetched with the access key
 * and secret, kept (sealed) in Redis until shortly before its `exp`, fetched once however many
 * requests need it, and fetched again once on a 401, never in a loop.
 */
@Injectable()
export class InterwaterTokenManager {
  private held?: HeldToken;
  private readonly flights = new SingleFlight<HeldToken>();

  constructor(
    private readonly http: InterwaterHttp,
    private readonly store: KeyValueStore,
    private readonly vault: CredentialVault,
    private readonly lock: DistributedLock,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  async send<T>(
    ctx: RequestContext,
    call: (jwt: string) => Promise<UpstreamResponse<T>>,
  ): Promise<UpstreamResponse<T>> {
    const held = await this.current(ctx);
    const response = await call(held.token);
    if (response.status !== 401) return response;
    const renewed = await this.renew(ctx, held.token);
    return call(renewed.token);
  }

  private usable(token: HeldToken | undefined): boolean {
    if (!token) return false;
    const margin = Math.min(60_000, (token.exp - token.iat) / 5);
    return token.exp - this.clock.now() > margin;
  }

  private async current(ctx: RequestContext): Promise<HeldToken> {
    if (this.held && this.usable(this.held)) return this.held;
    const stored = await this.readStored().catch(storeAway);
    if (stored && this.usable(stored)) {
      this.held = stored;
      return stored;
    }
    return this.renew(ctx, stored?.token ?? this.held?.token);
  }

  private async readStored(): Promise<HeldToken | undefined> {
    const sealed = await this.store.get(TOKEN_KEY);
    const opened = sealed ? this.vault.open(sealed, TOKEN_KEY) : undefined;
    return opened ? (JSON.parse(opened) as HeldToken) : undefined;
  }

  /** Replaces `stale` (or fetches the first token), once across requests and instances. */
  private renew(ctx: RequestContext, stale: string | undefined): Promise<HeldToken> {
    return this.flights.run('jwt', async () => {
      let held: HeldToken;
      try {
        held = await this.lock.runExclusive(
          LOCK_KEY,
          { ttlMs: 15_000, waitMs: 20_000 },
          async () => {
            const stored = await this.readStored();
            return stored && this.usable(stored) && stored.token !== stale ? stored : undefined;
          },
          () => this.fetch(ctx),
        );
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        // Redis is away: this instance fetches its own token (once, by the single flight) and
        // keeps it in memory, so routes on the gateway's credential keep serving (fail-open).
        this.metrics.storeFailOpen.labels('interwater-token').inc();
        held = await this.fetch(ctx);
      }
      this.held = held;
      return held;
    });
  }

  private async fetch(ctx: RequestContext): Promise<HeldToken> {
    const response = await this.http.request<AuthResponseVendor>({
      context: ctx,
      method: 'POST',
      path: '/v1/auth',
      route: 'POST /v1/auth',
      json: {
        accessKey: this.config.interwater.accessKey,
        secretKey: this.config.interwater.secretKey,
        expires: REQUESTED_MINUTES,
      },
    });
    const token = response.body?.data?.accessToken;
    if (response.status !== 200 || response.body?.status !== true || typeof token !== 'string') {
      this.metrics.tokenRefreshes.labels('interwater', 'failed').inc();
      throw new ProblemException(
        response.status === 401 || response.status === 403
          ? ErrorCode.UPSTREAM_CREDENTIALS_REJECTED
          : ErrorCode.UPSTREAM_ERROR,
        {
          status: 502,
          detail: 'The gateway could not obtain its Interwater credential.',
          upstream: { name: 'interwater', status: response.status },
        },
      );
    }
    const now = this.clock.now();
    let exp = now + REQUESTED_MINUTES * 60_000;
    try {
      const claims = decodeJwt(token);
      if (typeof claims.exp === 'number') exp = claims.exp * 1000;
    } catch {
      // Not a readable JWT: keep the lifetime we asked for.
    }
    const held: HeldToken = { token, exp, iat: now };
    const ttlMs = Math.max(1000, exp - now);
    await this.store
      .set(TOKEN_KEY, this.vault.seal(JSON.stringify(held), TOKEN_KEY), { ttlMs })
      .catch(storeAway);
    this.metrics.tokenRefreshes.labels('interwater', 'fetched').inc();
    return held;
  }
}
