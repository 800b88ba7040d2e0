import fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector } from '../faults';
import type { Simulator } from '../simulator';
import { ClientRegistry } from './client-registry';
import type { DeviceRecord, DeviceStatus } from './demo-data';
import { registerPushAdminRoutes } from './push-admin-routes';
import {
  EmbeddedBroker,
  ExternalBroker,
  type ExternalBrokerOptions,
  type PushSink,
} from './push-broker';
import { PushPublisher } from './push-publisher';
import { registerPushRoutes } from './push-routes';
import { registerThinqRoutes } from './routes';
import { SandboxCa } from './sandbox-ca';
import { ThinqState } from './state';

/** How often a started simulator brings subscribed devices up to the clock (their own changes). */
const PUSH_TICK_MS = 1000;

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
  /** The CA that signs client certificates (default: a new one, made on first use). */
  ca?: SandboxCa;
  /** Publish to this broker instead of running the embedded one (e.g. mosquitto in tests). */
  externalBroker?: ExternalBrokerOptions;
  /** The embedded broker's port (default 0: any free port). */
  mqttPort?: number;
}

/** A stateful LG ThinQ Connect v2 device API (see docs/sandbox-thinq.md). */
export class ThinqSimulator implements Simulator {
  readonly name = 'thinq' as const;
  readonly app: FastifyInstance;
  readonly faults = new FaultInjector();
  readonly state: ThinqState;
  /** Push clients, their certificates and subscriptions (Client, Event and Push APIs). */
  readonly clients: ClientRegistry;
  /** What the simulator publishes, with its knobs (drop, delay) and a record of what it sent. */
  readonly push: PushPublisher;
  private sink: PushSink | undefined;
  private embedded: EmbeddedBroker | undefined;
  private caPromise: Promise<SandboxCa> | undefined;
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly options: ThinqSimulatorOptions = {}) {
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
    this.clients = new ClientRegistry(this.state.config.now);
    this.push = new PushPublisher(this.clients, this.state.config.now, () => this.sink);
    this.state.onStatusChange = {
      watches: (device) => this.clients.watched(device.deviceId),
      changed: (device, report) => this.push.statusChanged(device, report),
    };
    if (options.ca) this.caPromise = Promise.resolve(options.ca);
    registerThinqRoutes(this.app, this.state);
    registerPushRoutes(this.app, {
      state: this.state,
      registry: this.clients,
      ca: () => this.ca(),
      mqttServer: (hostname) => this.mqttServerFor(hostname),
      disconnect: (clientId) => this.sink?.disconnect(clientId),
    });
    registerPushAdminRoutes(this.app, this);
    this.app.post('/__sandbox/state/reset', (_request, reply) => {
      this.reset();
      return reply.status(204).send();
    });
  }

  /** The CA that signs client certificates and the embedded broker's certificate. */
  ca(): Promise<SandboxCa> {
    // Certificates run on real time (TLS checks them against the machine's clock), not the
    // simulator's: a test clock in the past must not make the broker's certificate expired.
    this.caPromise ??= SandboxCa.create('Junction sandbox ThinQ CA');
    return this.caPromise;
  }

  /** The PEM a client trusts the broker's certificate by (THINQ_MQTT_CA_FILE's content). */
  async caPem(): Promise<string> {
    return (await this.ca()).certPem;
  }

  /** What the Route API answers as `mqttServer` (the broker, once started). */
  get mqttServer(): string {
    return this.sink?.url ?? 'mqtts://127.0.0.1:8883';
  }

  /**
   * `mqttServer` for a client that reached the API at `hostname`: the broker's address, or,
   * when it listens on every interface, the client's host name with the broker's port.
   */
  mqttServerFor(hostname: string): string {
    const url = new URL(this.mqttServer);
    if (!['0.0.0.0', '[::]'].includes(url.hostname) || !hostname) return this.mqttServer;
    return `mqtts://${hostname}:${url.port}`;
  }

  /** Starts the embedded broker (or connects to the external one) and the devices' clock. */
  async start(host: string): Promise<void> {
    if (this.sink) return;
    if (this.options.externalBroker) {
      this.sink = await ExternalBroker.connect(this.options.externalBroker);
    } else {
      this.embedded = await EmbeddedBroker.start({
        ca: await this.ca(),
        registry: this.clients,
        host,
        port: this.options.mqttPort,
      });
      this.sink = this.embedded;
    }
    this.ticker = setInterval(() => this.tickSubscribed(), PUSH_TICK_MS);
    this.ticker.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.ticker);
    this.ticker = undefined;
    const sink = this.sink;
    this.sink = undefined;
    this.embedded = undefined;
    await sink?.close();
  }

  /** The knob "broker down" (embedded broker only): connections refused until it is back. */
  async setBrokerDown(down: boolean): Promise<void> {
    if (!this.embedded) throw new Error('ThinQ simulator: no embedded broker is running');
    await this.embedded.setDown(down);
  }

  /** The knob "certificate refused" (embedded broker only): every MQTT connection is refused. */
  setCertificatesRefused(refused: boolean): void {
    if (!this.embedded) throw new Error('ThinQ simulator: no embedded broker is running');
    this.embedded.policy.refuseAll = refused;
  }

  /** The knob "subscription expired": every event subscription ends now (nothing more arrives). */
  expireEventSubscriptions(): void {
    this.clients.expireEvents();
  }

  /** Brings every device up to the clock now (what the ticker does each second). */
  tick(): void {
    this.state.allDevices();
  }

  private tickSubscribed(): void {
    for (const device of this.state.devices.values()) {
      if (this.clients.watched(device.deviceId)) this.state.advance(device);
    }
  }

  /** A notification of the device (DEVICE_PUSH to its push subscribers); the code must be one of its profile's. */
  notify(deviceId: string, pushCode: string): void {
    const device = this.state.mustGet(deviceId);
    const codes = device.profile.notification?.push ?? [];
    if (!codes.includes(pushCode)) {
      throw new Error(
        `ThinQ simulator: ${deviceId} has no notification ${pushCode} (${codes.join(', ')})`,
      );
    }
    this.push.notify(device, pushCode);
  }

  /** Adds a device to its owner's list (DEVICE_REGISTERED to the owner's push/devices clients). */
  addDevice(device: DeviceRecord): void {
    if (this.state.devices.has(device.deviceId)) {
      throw new Error(`ThinQ simulator: ${device.deviceId} exists`);
    }
    const record = structuredClone(device);
    this.state.devices.set(record.deviceId, record);
    this.push.deviceListChanged('DEVICE_REGISTERED', record);
  }

  /** Removes a device (DEVICE_UNREGISTERED); its subscriptions end. */
  removeDevice(deviceId: string): void {
    const device = this.state.mustGet(deviceId);
    this.state.devices.delete(deviceId);
    this.clients.forgetDevice(deviceId);
    this.push.deviceListChanged('DEVICE_UNREGISTERED', device);
  }

  /** Renames a device (DEVICE_ALIAS_CHANGED). */
  renameDevice(deviceId: string, alias: string): void {
    const device = this.state.mustGet(deviceId);
    device.deviceInfo.alias = alias;
    this.push.deviceListChanged('DEVICE_ALIAS_CHANGED', device);
  }

  /**
   * Restores the demo devices, tokens and quotas; forgets message ids, push clients and their
   * subscriptions; clears faults and calls. (The broker's sessions stay: their certificates no
   * longer belong to a client, so they cannot connect again.)
   */
  reset(): void {
    this.state.reset();
    for (const client of this.clients.all()) this.sink?.disconnect(client.clientId);
    this.clients.clear();
    this.push.faults.drop = false;
    this.push.faults.delayMs = 0;
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
