import formbody from '@fastify/formbody';
import fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector } from '../faults';
import type { Simulator } from '../simulator';
import { registerAccountRoutes, type AccountsContext } from './accounts.routes';
import { createDemoState } from './demo-data';
import { installFastApiBehaviour } from './fastapi';
import { registerLegacyRoutes } from './legacy.routes';
import { registerLuxRoutes } from './lux.routes';
import {
  NueyneTokens,
  registerAuthRoutes,
  type NueyneContext,
  type NueyneTokenResponse,
} from './nueyne.auth';
import type { LegacyDevice, LuxDevice, NueyneState, Product } from './nueyne.state';
import { NueyneOutbox } from './outbox';

export interface NueyneSimulatorOptions {
  /** Lifetime of access tokens; 900 s as upstream. */
  accessTokenTtlSeconds?: number;
  /** Lifetime of refresh tokens; 1,209,600 s (two weeks) as upstream. */
  refreshTokenTtlSeconds?: number;
  /** The clock for token expiry, timestamps and the demo devlogs' months. */
  now?: () => number;
}

/**
 * A stateful stand-in for Nueyne's FastAPI service: Lux user routes, Elexir Legacy device
 * routes, and both products' sign-in and rotating refresh, answering as the upstream does.
 */
export class NueyneSimulator implements Simulator, NueyneContext, AccountsContext {
  readonly name = 'nueyne' as const;
  readonly app: FastifyInstance;
  readonly faults = new FaultInjector();
  readonly tokens: NueyneTokens;
  /** SMS codes and mails "sent" by the onboarding routes (also at `GET /__sandbox/outbox`). */
  readonly outbox: NueyneOutbox;
  private database: NueyneState;
  private readonly clock: () => number;

  constructor(options: NueyneSimulatorOptions = {}) {
    this.clock = options.now ?? Date.now;
    this.tokens = new NueyneTokens(
      this.clock,
      options.accessTokenTtlSeconds ?? 900,
      options.refreshTokenTtlSeconds ?? 1_209_600,
    );
    this.outbox = new NueyneOutbox(this.clock);
    this.database = createDemoState(this.clock());
    this.app = fastify({ logger: false });
    installFastApiBehaviour(this.app);
    void this.app.register(formbody);
    this.faults.attach(this.app);
    registerAuthRoutes(this.app, this);
    registerLuxRoutes(this.app, this);
    registerLegacyRoutes(this.app, this);
    registerAccountRoutes(this.app, this);
  }

  /** The simulated database (live: tests may read it, and arrange state in it). */
  get state(): NueyneState {
    return this.database;
  }

  now(): number {
    return this.clock();
  }

  /** Restores the demo data, forgets every token and sent code, and clears faults and call records. */
  reset(): void {
    this.database = createDemoState(this.clock());
    this.tokens.clear();
    this.outbox.clear();
    this.faults.clear();
    this.faults.resetCalls();
  }

  /** Makes every access token issued so far expired; refresh tokens keep working. */
  expireAccessTokens(): void {
    this.tokens.expireAccessTokens();
  }

  /** The SMS code last sent to this phone (E.164) and not used yet. */
  lastSmsCode(phone: string): string | undefined {
    return this.outbox.lastCode(phone);
  }

  /** Every SMS code sent so far is expired (`Validation code is expired`). */
  expireSmsCodes(): void {
    this.outbox.expireCodes();
  }

  /** Lifetime of access tokens issued from now on. */
  setAccessTokenTtl(seconds: number): void {
    this.tokens.accessTtlSeconds = seconds;
  }

  /** Lifetime of refresh tokens issued from now on. */
  setRefreshTokenTtl(seconds: number): void {
    this.tokens.refreshTtlSeconds = seconds;
  }

  /**
   * Signs in without a password and returns the access token, as a mobile app holding a
   * Nueyne session would have it. An unknown e-mail gets a token of a user that does not exist.
   */
  issueAccessToken(product: Product, email: string): string {
    return this.issueTokens(product, email).access_token;
  }

  /** As `issueAccessToken`, with the whole sign-in answer (refresh token included). */
  issueTokens(product: Product, email: string): NueyneTokenResponse {
    const users = product === 'lux' ? this.database.lux.users : this.database.legacy.users;
    const user = users.find((candidate) => candidate.email === email.trim().toLowerCase());
    return this.tokens.signIn(product, user?.id ?? null, email);
  }

  /** A Legacy device by unique id (any case). */
  deviceByUniqueId(uniqueId: string): LegacyDevice | undefined {
    return this.database.legacy.devices.find(
      (device) => device.unique_id === uniqueId.toUpperCase(),
    );
  }

  /** A Lux device by unique id (exact: Lux does not upper-case). */
  luxDeviceByUniqueId(uniqueId: string): LuxDevice | undefined {
    return this.database.lux.devices.find((device) => device.unique_id === uniqueId);
  }

  /** Sign-ins (of one product, or both) that can still refresh. */
  activeSessions(product?: Product): number {
    return this.tokens.activeSessions(product);
  }
}

export function createNueyneSimulator(options?: NueyneSimulatorOptions): NueyneSimulator {
  return new NueyneSimulator(options);
}
