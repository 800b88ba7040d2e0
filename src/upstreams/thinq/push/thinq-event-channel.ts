import type { ThinqAccount, ThinqDocument } from '../thinq.client';

/**
 * What ThinQ pushes about one account's devices, in the gateway's words: the vendor's message
 * shapes stay inside the ThinQ module.
 */
export type ThinqPushEvent =
  /** Some of the device's status changed: `status` has only what changed, shaped as a status. */
  | { kind: 'status'; deviceId: string; status: ThinqDocument }
  /** A notification of the device (a finished cycle, an open door), by ThinQ's code. */
  | { kind: 'notification'; deviceId: string; code: string }
  /** The account's device list changed. */
  | { kind: 'deviceAdded' | 'deviceRemoved' | 'deviceRenamed'; deviceId: string; alias?: string };

/** One account's open push session, as one instance holds it. */
export interface ThinqPushSession {
  /** True while the channel is connected and delivering. */
  readonly live: boolean;
  /**
   * Subscribes the device's status events and notifications (renewed before they expire, for
   * as long as it is watched). False when ThinQ will not push for it (not `reportable`, or
   * refused): the caller polls that device instead.
   */
  watch(deviceId: string): Promise<boolean>;
  /** Stops the device's subscriptions. */
  unwatch(deviceId: string): Promise<void>;
  /** Disconnects (the persistent session at the broker keeps what arrives meanwhile). */
  close(): Promise<void>;
}

/** Callbacks of a push session. */
export interface ThinqPushListener {
  onEvent(event: ThinqPushEvent): void;
  /** The channel went live or stopped delivering (a poller covers the gap while not live). */
  onLive(live: boolean): void;
}

/**
 * The transport of ThinQ's push: today MQTT over mutual TLS (MqttEventChannel). Another
 * delivery channel LG may give partners replaces the class behind this token, not the feeds.
 */
export abstract class ThinqEventChannel {
  /** Whether push is configured at all (THINQ_PUSH): when false, feeds poll as before. */
  abstract readonly enabled: boolean;
  /** Opens (registering the client and its certificate on first use) the account's session. */
  abstract open(account: ThinqAccount, listener: ThinqPushListener): Promise<ThinqPushSession>;

  /** The sessions this instance holds, and how many of them are connected (for readiness). */
  sessionCounts(): { open: number; connected: number } {
    return { open: 0, connected: 0 };
  }
}
