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

/** What each upstream did lately, for /health/ready. */
@Injectable()
export class UpstreamHealth {
  private readonly states = new Map<UpstreamName, UpstreamHealthState>();
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
    state.lastSuccessAt = new Date().toISOString();
  }

  failure(name: UpstreamName, reason: string): void {
    const state = this.states.get(name);
    if (!state) return;
    state.state = 'failing';
    state.consecutiveFailures += 1;
    state.lastFailureAt = new Date().toISOString();
    state.lastFailure = reason;
  }

  snapshot(): Record<string, UpstreamHealthState> {
    const out: Record<string, UpstreamHealthState> = {};
    for (const [name, state] of this.states) {
      const breaker = this.breakers.get(name)?.();
      out[name] = breaker ? { ...state, breaker } : { ...state };
    }
    return out;
  }
}
