import type { DeviceRecord, DeviceStatus, JsonObject } from './demo-data';
import { thinqTimestamp } from './errors';
import { clientTopic, type ClientRegistry, type PushClient } from './client-registry';
import type { PushSink } from './push-broker';

/** ThinQ's message types on a client's topic (Home Assistant's lg_thinq names them so). */
export type PushType =
  | 'DEVICE_STATUS'
  | 'DEVICE_PUSH'
  | 'DEVICE_REGISTERED'
  | 'DEVICE_UNREGISTERED'
  | 'DEVICE_ALIAS_CHANGED';

/** Knobs on what the broker gets: drop every message, or hold each back a while. */
export interface PushFaults {
  drop: boolean;
  delayMs: number;
}

/** How many sent messages `sent` keeps (a long-running sandbox must not grow). */
const SENT_KEPT = 1000;

function isLaundry(type: string): boolean {
  return /^DEVICE_(WASHTOWER_)?(WASHER|DRYER)$/.test(type);
}

/**
 * Turns the simulator's changes into ThinQ's push messages, one JSON object per message on
 * each entitled client's topic: DEVICE_STATUS (`report`: what changed, shaped like the status)
 * to clients with a live event subscription for the device, DEVICE_PUSH (`pushCode`) to
 * push-subscribed clients, and the device-list messages to the account's `push/devices`
 * clients. Every message has `pushType`, `deviceId`, `deviceType`, `userNumber` and
 * `timestamp`.
 */
export class PushPublisher {
  readonly faults: PushFaults = { drop: false, delayMs: 0 };
  /** Messages published (or that would be, while no broker runs), oldest first; not dropped ones. */
  readonly sent: { topic: string; message: JsonObject }[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly registry: ClientRegistry,
    private readonly now: () => number,
    private readonly sink: () => PushSink | undefined,
  ) {}

  /** A status change: DEVICE_STATUS, and DEVICE_PUSH when a laundry cycle just ended. */
  statusChanged(device: DeviceRecord, report: DeviceStatus): void {
    const owned = (client: PushClient) => client.userId === device.ownerId;
    for (const client of this.registry.eventSubscribers(device.deviceId).filter(owned)) {
      this.send(client, this.message('DEVICE_STATUS', device, { report }));
    }
    const runState = report.runState;
    if (
      isLaundry(device.deviceInfo.deviceType) &&
      !Array.isArray(runState) &&
      runState?.currentState === 'END'
    ) {
      const code = (device.profile.notification?.push ?? []).find((c) =>
        c.endsWith('_IS_COMPLETE'),
      );
      if (code) this.notify(device, code);
    }
  }

  /** A notification of the device (a code of its profile's `notification.push`). */
  notify(device: DeviceRecord, pushCode: string): void {
    for (const client of this.registry.pushSubscribers(device.deviceId)) {
      if (client.userId !== device.ownerId) continue;
      this.send(client, this.message('DEVICE_PUSH', device, { pushCode }));
    }
  }

  /** A device joined, left or was renamed in its owner's list. */
  deviceListChanged(
    type: 'DEVICE_REGISTERED' | 'DEVICE_UNREGISTERED' | 'DEVICE_ALIAS_CHANGED',
    device: DeviceRecord,
  ): void {
    const info = device.deviceInfo;
    const extra: JsonObject =
      type === 'DEVICE_REGISTERED'
        ? { modelName: info.modelName, alias: info.alias, reportable: info.reportable }
        : type === 'DEVICE_ALIAS_CHANGED'
          ? { alias: info.alias }
          : {};
    for (const client of this.registry.deviceListClients(device.ownerId)) {
      this.send(client, this.message(type, device, extra));
    }
  }

  private message(type: PushType, device: DeviceRecord, extra: JsonObject): JsonObject {
    return {
      pushType: type,
      deviceId: device.deviceId,
      deviceType: device.deviceInfo.deviceType,
      ...structuredClone(extra),
      userNumber: device.ownerId,
      timestamp: thinqTimestamp(this.now()),
    };
  }

  private send(client: PushClient, message: JsonObject): void {
    if (this.faults.drop) return;
    const topic = clientTopic(client.clientId);
    this.sent.push({ topic, message });
    if (this.sent.length > SENT_KEPT) this.sent.shift();
    const sink = this.sink();
    if (!sink) return;
    const publish = () => {
      const done = sink.publish(topic, JSON.stringify(message)).catch(() => {});
      this.pending.add(done);
      void done.finally(() => this.pending.delete(done));
    };
    if (this.faults.delayMs > 0) setTimeout(publish, this.faults.delayMs).unref();
    else publish();
  }

  /** Resolves when every message handed to the broker so far is in its hands (QoS 1 acked). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
