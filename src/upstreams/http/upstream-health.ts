import { Injectable } from '@nestjs/common';
import { UpstreamName } from './upstream.error';

export interface UpstreamHealthState {
  mode: 'simulator' | 'remote';
  state: 'unknown' | 'healthy' | 'failing';
  consecutiveFailures: number;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastFailure?: string;
  breaker?: string;
}

/** The state as kept: times as epoch ms, made ISO text only when /health/ready asks. */
type KeptState = Omit<UpstreamHealthState, 'lastSuccessAt' | 'lastFailureAt'> & {
  lastSuccessMs?: number;
  lastFailureMs?: number;
};

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** What each upstream did lately, for /health/ready. */
@Injectable()
export class UpstreamHealth {
  private readonly states = new Map<UpstreamName, KeptState>();
  private readonly breakers = new Map<UpstreamName, () => string>();

  register(name: UpstreamName, mode: 'simulator' | 'remote'): void {
    if (!this.states.has(name))
      this.states.set(name, { mode, state: 'unknown', consecutiveFailures: 0 });
  }

  registerBreaker(name: UpstreamName, state: () => string): void {
    this.breakers.set(name, state);
  }

  success(name: UpstreamName): void {
    const state = this.states.get(name);
    if (!state) return;
    state.state = 'healthy';
    state.consecutiveFailures = 0;
    // Every upstream call ends here: a number, not a date string per call.
    state.lastSuccessMs = Date.now();
  }

  failure(name: UpstreamName, reason: string): void {
    const state = this.states.get(name);
    if (!state) return;
    state.state = 'failing';
    state.consecutiveFailures += 1;
    state.lastFailureMs = Date.now();
    state.lastFailure = reason;
  }

  snapshot(): Record<string, UpstreamHealthState> {
    const out: Record<string, UpstreamHealthState> = {};
    for (const [name, kept] of this.states) {
      const { lastSuccessMs, lastFailureMs, ...state } = kept;
      const breaker = this.breakers.get(name)?.();
      out[name] = {
        ...state,
        ...(lastSuccessMs !== undefined ? { lastSuccessAt: iso(lastSuccessMs) } : {}),
        ...(lastFailureMs !== undefined ? { lastFailureAt: iso(lastFailureMs) } : {}),
        ...(breaker ? { breaker } : {}),
      };
    }
    return out;
  }
}
