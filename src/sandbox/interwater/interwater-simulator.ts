import fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector } from '../faults';
import type { Simulator } from '../simulator';
import {
  sortNewestFirst,
  type InterwaterLicense,
  type InterwaterSession,
  type UsageRow,
} from './demo-data';
import { registerInterwaterRoutes } from './routes';
import { InterwaterState } from './state';

export interface InterwaterSimulatorOptions {
  /** The only accepted access key (default `sandbox-access-key`). */
  accessKey?: string;
  /** The only accepted secret key (default `sandbox-secret-key`). */
  secretKey?: string;
  /** Cap on a JWT's lifetime in seconds, whatever `expires` asks (default 3600). */
  maxTtlSeconds?: number;
  /** Clock in epoch milliseconds (default `Date.now`); drives JWT iat/exp and usage dates. */
  now?: () => number;
}

/** A stateful Interwater s-connector server API (see docs/sandbox-interwater.md). */
export class InterwaterSimulator implements Simulator {
  readonly name = 'interwater' as const;
  readonly app: FastifyInstance;
  readonly faults = new FaultInjector();
  readonly state: InterwaterState;

  constructor(options: InterwaterSimulatorOptions = {}) {
    this.state = new InterwaterState({
      accessKey: options.accessKey ?? 'sandbox-access-key',
      secretKey: options.secretKey ?? 'sandbox-secret-key',
      maxTtlSeconds: options.maxTtlSeconds ?? 3600,
      now: options.now ?? Date.now,
    });
    this.app = fastify({ logger: false });
    this.faults.attach(this.app);
    registerInterwaterRoutes(this.app, this.state);
    this.registerAdminRoutes();
  }

  /** Restores the demo license, rooms and usage; clears faults and calls. Tokens stay valid. */
  reset(): void {
    this.state.reset();
    this.faults.clear();
    this.faults.resetCalls();
  }

  /** Every JWT issued so far stops verifying (401 `invalid signature`); new ones work. */
  revokeAllTokens(): void {
    this.state.tokens.rotate();
  }

  /** A valid JWT without calling `/v1/auth` (lifetime capped by `maxTtlSeconds`). */
  issueToken(options: { expiresMinutes?: number; isOwner?: boolean } = {}): Promise<string> {
    const ttlSeconds = Math.min(
      (options.expiresMinutes ?? 60) * 60,
      this.state.config.maxTtlSeconds,
    );
    return this.state.issueToken({ ttlSeconds, isOwner: options.isOwner });
  }

  setSessions(sessions: InterwaterSession[]): void {
    this.state.sessions = sessions.map((session) => ({ ...session }));
  }

  sessions(): InterwaterSession[] {
    return this.state.sessions.map((session) => ({ ...session }));
  }

  /** Replaces the usage history (`/v1/static` rows). */
  setUsage(rows: UsageRow[]): void {
    this.state.usage = sortNewestFirst(rows.map((row) => ({ ...row })));
  }

  addUsage(row: UsageRow): void {
    this.state.usage = sortNewestFirst([...this.state.usage, { ...row }]);
  }

  usage(): UsageRow[] {
    return this.state.usage.map((row) => ({ ...row }));
  }

  setLicense(patch: Partial<InterwaterLicense>): void {
    this.state.license = { ...this.state.license, ...patch };
  }

  private registerAdminRoutes(): void {
    this.app.post('/__sandbox/state/reset', (_request, reply) => {
      this.reset();
      return reply.status(204).send();
    });
    this.app.post('/__sandbox/state/revoke-tokens', (_request, reply) => {
      this.revokeAllTokens();
      return reply.status(204).send();
    });
    this.app.put('/__sandbox/state/sessions', (request, reply) => {
      const body: unknown = request.body;
      if (!Array.isArray(body) || !body.every(isSession)) {
        return reply.status(400).send({
          status: false,
          message: 'body must be a list of {status: WAIT|ON_GOING, user, roomName}',
        });
      }
      this.setSessions(body);
      return reply.status(200).send({ status: true, data: this.sessions() });
    });
    this.app.put('/__sandbox/state/license', (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const patch: Partial<InterwaterLicense> = {};
      if (typeof body.domain === 'string') patch.domain = body.domain;
      if (typeof body.roomLimit === 'number') patch.roomLimit = body.roomLimit;
      if (body.enabled === 0 || body.enabled === 1) patch.enabled = body.enabled;
      if (typeof body.createdAt === 'string') patch.createdAt = body.createdAt;
      this.setLicense(patch);
      return reply.status(200).send({ status: true, data: this.state.license });
    });
  }
}

export function createInterwaterSimulator(
  options?: InterwaterSimulatorOptions,
): InterwaterSimulator {
  return new InterwaterSimulator(options);
}

function isSession(value: unknown): value is InterwaterSession {
  if (typeof value !== 'object' || value === null) return false;
  const session = value as Record<string, unknown>;
  return (
    (session.status === 'WAIT' || session.status === 'ON_GOING') &&
    typeof session.user === 'number' &&
    typeof session.roomName === 'string'
  );
}
