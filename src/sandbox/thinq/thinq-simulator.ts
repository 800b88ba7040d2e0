import fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector } from '../faults';
import type { Simulator } from '../simulator';
import type { DeviceRecord, DeviceStatus } from './demo-data';
import { registerThinqRoutes } from './routes';
import { ThinqState } from './state';

export interface ThinqSimulatorOptions {
  /** The only accepted `x-service-id` (default `junction-sandbox`). */
  serviceId?: string;
  /** The only accepted `x-service-key` (default `sandbox-service-key`). */
  serviceKey?: string;
  /** Calls per token per rolling hour before 1314 (default 1000). */
  hourlyQuota?: number;
  /** Calls for the whole service per rolling hour before 1306 (default unlimited). */
  serviceHourlyQuota?: number;
  /** Clock in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

/** A stateful LG ThinQ Connect v2 device API (see docs/sandbox-thinq.md). */
export class ThinqSimulator implements Simulator {
  readonly name = 'thinq' as const;
  readonly app: FastifyInstance;
  readonly faults = new FaultInjector();
  readonly state: ThinqState;

  constructor(options: ThinqSimulatorOptions = {}) {
    this.state = new ThinqState({
      serviceId: options.serviceId ?? 'junction-sandbox',
      serviceKey: options.serviceKey ?? 'sandbox-service-key',
      hourlyQuota: options.hourlyQuota ?? 1000,
      serviceHourlyQuota: options.serviceHourlyQuota ?? Infinity,
      now: options.now ?? Date.now,
    });
    // ThinQ documents a device id only as a string: the router takes what the gateway may send
    // (up to 128 characters), not find-my-way's default of 100 (which answered 414).
    this.app = fastify({ logger: false, routerOptions: { maxParamLength: 1024 } });
    this.faults.attach(this.app);
    registerThinqRoutes(this.app, this.state);
    this.app.post('/__sandbox/state/reset', (_request, reply) => {
      this.reset();
      return reply.status(204).send();
    });
  }

  /** Restores the demo devices, tokens and quotas; forgets message ids; clears faults and calls. */
  reset(): void {
    this.state.reset();
    this.faults.clear();
    this.faults.resetCalls();
  }

  setOnline(deviceId: string, online: boolean): void {
    this.state.mustGet(deviceId).online = online;
  }

  /** A copy of the device's current status. */
  statusOf(deviceId: string): DeviceStatus {
    return structuredClone(this.state.mustGet(deviceId).status);
  }

  /** A copy of the whole device record (owner, info, profile, status, online, error). */
  deviceOf(deviceId: string): DeviceRecord {
    return structuredClone(this.state.mustGet(deviceId));
  }

  /** Merges a partial status with no profile or state checks (e.g. power a device off). */
  patchStatus(deviceId: string, patch: DeviceStatus): void {
    this.state.patchStatus(deviceId, patch);
  }

  /** Per-token calls per rolling hour before 1314. */
  setQuota(callsPerHour: number): void {
    this.state.hourlyQuota = callsPerHour;
  }

  /** Whole-service calls per rolling hour before 1306 (`Infinity` to lift it). */
  setServiceQuota(callsPerHour: number): void {
    this.state.serviceHourlyQuota = callsPerHour;
  }

  /** Calls a token has made in the current rolling hour. */
  callsInWindow(token: string): number {
    return this.state.callsInWindow(token);
  }

  /** The physical "remote start" switch: when off, control answers 2301. */
  setRemoteControl(deviceId: string, enabled: boolean): void {
    this.state.mustGet(deviceId);
    this.state.patchStatus(deviceId, { remoteControlEnable: { remoteControlEnabled: enabled } });
  }

  /** Puts a device in an error (control answers 2303) or clears it with `null`. */
  setDeviceError(deviceId: string, errorCode: string | null): void {
    this.state.mustGet(deviceId).error = errorCode;
  }

  /** Registers another bearer token for an existing or new user id. */
  addToken(token: string, userId: string): void {
    this.state.tokens.set(token, userId);
  }
}

export function createThinqSimulator(options?: ThinqSimulatorOptions): ThinqSimulator {
  return new ThinqSimulator(options);
}
