import type { ThinqAccount, ThinqDocument } from '../thinq.client';
import {
  ThinqEventChannel,
  ThinqPushEvent,
  ThinqPushListener,
  ThinqPushSession,
} from './thinq-event-channel';

/** One session of the in-memory channel: what it was asked, and whether it is open. */
export class FakePushSession implements ThinqPushSession {
  closed = false;
  readonly watching = new Set<string>();

  constructor(
    private readonly channel: FakeEventChannel,
    readonly account: ThinqAccount,
    readonly listener: ThinqPushListener,
  ) {}

  get live(): boolean {
    return !this.closed && this.channel.live;
  }

  watch(deviceId: string): Promise<boolean> {
    this.channel.calls.watch += 1;
    if (this.channel.notReportable.has(deviceId)) return Promise.resolve(false);
    this.watching.add(deviceId);
    return Promise.resolve(true);
  }

  unwatch(deviceId: string): Promise<void> {
    this.channel.calls.unwatch += 1;
    this.watching.delete(deviceId);
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (!this.closed) this.channel.calls.close += 1;
    this.closed = true;
    return Promise.resolve();
  }
}

/**
 * An in-memory ThinqEventChannel for specs and e2e tests (shared by every instance a test
 * starts, as one broker would be): it counts open/watch/unwatch/close, and "pushes" to the
 * sessions open now, for devices they watch, as ThinQ does.
 */
export class FakeEventChannel extends ThinqEventChannel {
  enabled = true;
  /** Whether the (imagined) broker delivers: sessions are live while it does. */
  live = true;
  /** Devices ThinQ will not push for (not `reportable`): watch() answers false. */
  readonly notReportable = new Set<string>();
  readonly sessions: FakePushSession[] = [];
  readonly calls = { open: 0, watch: 0, unwatch: 0, close: 0 };

  open(account: ThinqAccount, listener: ThinqPushListener): Promise<ThinqPushSession> {
    this.calls.open += 1;
    const session = new FakePushSession(this, account, listener);
    this.sessions.push(session);
    return Promise.resolve(session);
  }

  /** The sessions open now. */
  get openSessions(): FakePushSession[] {
    return this.sessions.filter((session) => !session.closed);
  }

  /** Whether an open session watches the device (and so a push reaches someone). */
  watched(deviceId: string): boolean {
    return this.openSessions.some((session) => session.watching.has(deviceId));
  }

  /** A status change of the device (only what changed), as ThinQ would push it. */
  pushStatus(deviceId: string, status: ThinqDocument): number {
    return this.emit({ kind: 'status', deviceId, status }, deviceId);
  }

  pushNotification(deviceId: string, code: string): number {
    return this.emit({ kind: 'notification', deviceId, code }, deviceId);
  }

  pushListChange(
    kind: 'deviceAdded' | 'deviceRemoved' | 'deviceRenamed',
    deviceId: string,
  ): number {
    return this.emit({ kind, deviceId });
  }

  /** The broker goes away or comes back: every open session hears it. */
  setLive(live: boolean): void {
    this.live = live;
    for (const session of this.openSessions) session.listener.onLive(live);
  }

  /** Delivers to every live session (watching the device, when one is named); how many heard. */
  private emit(event: ThinqPushEvent, deviceId?: string): number {
    let delivered = 0;
    for (const session of this.openSessions) {
      if (!session.live || (deviceId && !session.watching.has(deviceId))) continue;
      session.listener.onEvent(event);
      delivered += 1;
    }
    return delivered;
  }
}
