import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** One request as a simulator received it, for tests that check what the gateway sent. */
export interface RecordedCall {
  /** `METHOD /registered/:pattern`, e.g. `GET /v2/devices/status/:deviceId`. */
  route: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  at: number;
}

export interface FaultRule {
  /** A route key (`GET /v1/info`) or `*` for every route. */
  route: string;
  /** Added before the route answers. */
  latencyMs?: number;
  /**
   * Fail the next `count` calls with this status and body (the vendor's error shape). With
   * `ratio` (0 to 1), only that share of the calls the rule sees fails, spread evenly and
   * deterministically (call n fails when floor(n x ratio) grows: 0.3 fails calls 4, 7, 10, ...),
   * until `count` have failed: a brownout rather than an outage.
   */
  fail?: { count: number; status: number; body?: unknown; ratio?: number };
  /** Never answer (until the client gives up or the fault is cleared). */
  hang?: boolean;
}

/**
 * Fault knobs and call counters shared by the three simulators. Usable in-process
 * (`simulator.faults.add(...)`) and over HTTP under `/__sandbox/` on each simulator.
 */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private calls: RecordedCall[] = [];
  private readonly counters = new Map<string, number>();
  private readonly hanging = new Set<() => void>();
  /** Calls seen per rule with a `fail.ratio` (for its even spread). */
  private readonly seen = new WeakMap<FaultRule, number>();
  private active = 0;
  private peak = 0;

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, fail: rule.fail ? { ...rule.fail } : undefined });
  }

  clear(): void {
    this.rules = [];
    for (const release of this.hanging) release();
    this.hanging.clear();
  }

  /** How many calls a `hang` rule holds now. */
  holding(): number {
    return this.hanging.size;
  }

  /** Forgets calls and counters (faults stay); the peak of calls in progress starts again. */
  resetCalls(): void {
    this.calls = [];
    this.counters.clear();
    this.peak = this.active;
  }

  /** Calls the simulator is answering now (held by latency or a hang, or being handled). */
  inFlight(): number {
    return this.active;
  }

  /** The most calls in progress at once since the last `resetCalls()`. */
  peakInFlight(): number {
    return this.peak;
  }

  /** Whether a `fail` rule fails this call (a plain one: every call; with `ratio`: its share). */
  private failsNow(rule: FaultRule): boolean {
    const fail = rule.fail;
    if (!fail || fail.count <= 0) return false;
    if (fail.ratio === undefined) return true;
    const seen = (this.seen.get(rule) ?? 0) + 1;
    this.seen.set(rule, seen);
    return Math.floor(seen * fail.ratio) > Math.floor((seen - 1) * fail.ratio);
  }

  count(route: string): number {
    return this.counters.get(route) ?? 0;
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }

  recorded(route?: string): RecordedCall[] {
    return route ? this.calls.filter((call) => call.route === route) : [...this.calls];
  }

  /** Installs recording, counting and the fault rules on a simulator, plus its admin routes. */
  attach(app: FastifyInstance): void {
    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      const pattern = request.routeOptions.url ?? request.url.split('?')[0];
      if (pattern.startsWith('/__sandbox')) return;
      const route = `${request.method} ${pattern}`;
      this.counters.set(route, (this.counters.get(route) ?? 0) + 1);
      this.calls.push({
        route,
        method: request.method,
        path: request.url.split('?')[0],
        query: { ...(request.query as Record<string, string>) },
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([key, value]) => [
            key,
            Array.isArray(value) ? value.join(', ') : String(value),
          ]),
        ),
        body: request.body,
        at: Date.now(),
      });
      if (this.calls.length > 5000) this.calls.splice(0, this.calls.length - 5000);
      this.active += 1;
      this.peak = Math.max(this.peak, this.active);
      let counted = true;
      const done = () => {
        if (counted) this.active -= 1;
        counted = false;
      };
      reply.raw.once('finish', done);
      reply.raw.once('close', done);
      for (const rule of this.rules.filter((r) => r.route === '*' || r.route === route)) {
        if (rule.latencyMs) await new Promise((resolve) => setTimeout(resolve, rule.latencyMs));
        if (rule.hang) {
          const released = await new Promise<boolean>((resolve) => {
            const release = () => resolve(true);
            this.hanging.add(release);
            // The response's 'close' (not the request's, which Node emits once the body is read)
            // tells that the client gave up.
            reply.raw.once('close', () => {
              this.hanging.delete(release);
              resolve(false);
            });
          });
          if (!released) return reply;
          break; // the fault was cleared (every rule with it): the route answers as usual
        }
        if (rule.fail && this.failsNow(rule)) {
          rule.fail.count -= 1;
          return reply
            .status(rule.fail.status)
            .send(rule.fail.body ?? { detail: 'Injected fault' });
        }
      }
    });

    app.get('/__sandbox/calls', () =>
      Promise.resolve({
        counts: this.counts(),
        inFlight: this.active,
        peakInFlight: this.peak,
        calls: this.calls.slice(-200),
      }),
    );
    app.delete('/__sandbox/calls', async (_request, reply) => {
      this.resetCalls();
      return reply.status(204).send();
    });
    app.post('/__sandbox/faults', async (request, reply) => {
      const rule = request.body as FaultRule;
      const ratio = rule?.fail?.ratio;
      if (
        !rule ||
        typeof rule.route !== 'string' ||
        (ratio !== undefined && !(typeof ratio === 'number' && ratio >= 0 && ratio <= 1))
      ) {
        return reply.status(400).send({
          error:
            'body must be a FaultRule: {route, latencyMs?, fail?: {count, status, body?, ratio? (0-1)}, hang?}',
        });
      }
      this.add(rule);
      return reply.status(201).send(rule);
    });
    app.delete('/__sandbox/faults', async (_request, reply) => {
      this.clear();
      return reply.status(204).send();
    });
  }
}
