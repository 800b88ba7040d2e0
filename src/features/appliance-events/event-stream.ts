import type { ServerResponse } from 'node:http';
import { Principal } from '../../common/access/principal';
import { renderProblem } from '../../common/problem/problem';
import { ProblemException } from '../../common/problem/problem.exception';
import { ThinqAccount } from '../../upstreams/thinq/thinq.client';
import { ApplianceDto } from '../appliances/appliance.dto';
import { ApplianceFeeds } from './appliance-feeds';
import { DeviceFeed, DeviceWatcher, ListWatcher } from './feed-state';
import { deviceTag, encodeCursor, MAX_CURSOR_DEVICES } from './event-cursor';
import { FeedEvent, FeedView, QuotaState } from './feed-record';

/** Why a stream ended (a metric label). */
export type StreamEnd = 'client' | 'slow' | 'error' | 'shutdown';

/** The instance side a stream reports to. */
export interface StreamOwner {
  readonly feeds: ApplianceFeeds;
  ended(stream: EventStream, reason: StreamEnd): void;
}

interface StreamDevice {
  tag: string;
  /** The last event number of the device this stream delivered; undefined before its snapshot. */
  cursor?: number;
  /** A device added while the client was behind: `device-added` is still to be sent. */
  added?: ApplianceDto;
}

/** Event data serialised once per event, whatever the number of streams it goes to. */
const dataOf = new WeakMap<FeedEvent, string>();

/** The problem an `error` event carries (the same body a request would get). */
export function problemEvent(problem: ProblemException, requestId: string): string {
  return JSON.stringify(renderProblem(problem, '/v1/appliances/events', requestId).body);
}

/**
 * One open `text/event-stream` answer. It follows its devices' feeds on this instance and writes
 * each event to the socket as it comes, with an `id` that says where it stands on every device
 * (event-cursor.ts), so a client that comes back with Last-Event-ID gets exactly what it missed.
 *
 * Nothing is queued here, and a slow client costs a bounded amount of memory: frames go to the
 * socket at once, and once more than APPLIANCE_EVENTS_BUFFER_BYTES wait in the socket's buffer
 * (`writableLength`: the client does not read), the stream stops writing. It stays where it was on
 * each device (its cursors do not move), and when the socket drains it catches up from the feeds,
 * as a reconnecting client would: the events it missed while they are recent, else a snapshot.
 * A client that has not drained within APPLIANCE_EVENTS_HEARTBEAT_MS is dropped (the socket
 * destroyed, every reference let go). So a stream holds at most the limit plus one frame, and a
 * slow reader never holds the others back.
 */
export class EventStream implements DeviceWatcher, ListWatcher {
  readonly devices = new Map<string, StreamDevice>();
  private closed = false;
  private quotaExhausted = false;
  /** Set while the client is too far behind: nothing is written until the socket drains. */
  private behind?: NodeJS.Timeout;
  /** Devices removed while behind: said once the client catches up. */
  private readonly removedWhileBehind = new Set<string>();
  /** Events sent (tests and the bench read it). */
  sent = 0;

  constructor(
    readonly id: string,
    readonly principal: Principal,
    readonly account: ThinqAccount,
    readonly accountId: string,
    /** Every device of the account (so `device-added` too), or only the ones named. */
    readonly all: boolean,
    readonly requestId: string,
    private readonly raw: ServerResponse,
    private readonly limits: { bufferBytes: number; patienceMs: number },
    private readonly owner: StreamOwner,
  ) {
    raw.on('close', () => this.close('client'));
  }

  get sid(): string {
    return this.principal.sid ?? '';
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Whether frames go out now (open, and the client not too far behind). */
  get writable(): boolean {
    return !this.closed && this.behind === undefined;
  }

  /** The event id: where the stream stands on each device (`0` before any snapshot). */
  private cursor(): string {
    const positions: [string, number][] = [];
    for (const device of this.devices.values()) {
      if (device.cursor !== undefined) positions.push([device.tag, device.cursor]);
    }
    return positions.length > 0 ? encodeCursor(positions) : '0';
  }

  addDevice(deviceId: string, cursor?: number, added?: ApplianceDto): void {
    this.devices.set(deviceId, { tag: deviceTag(deviceId), cursor, added });
  }

  /** Writes a frame now, or not at all (false) while the client is behind. */
  write(text: string): boolean {
    if (!this.writable) return false;
    this.raw.write(text);
    if (this.raw.writableLength > this.limits.bufferBytes) this.fallBehind();
    return true;
  }

  private fallBehind(): void {
    this.behind = setTimeout(() => {
      this.raw.destroy();
      this.close('slow');
    }, this.limits.patienceMs);
    this.behind.unref();
    this.raw.once('drain', () => {
      if (this.closed) return;
      clearTimeout(this.behind);
      this.behind = undefined;
      this.resume();
    });
  }

  /** After a pause: what changed meanwhile, device by device, as a reconnecting client gets it. */
  private resume(): void {
    for (const deviceId of this.removedWhileBehind) {
      if (!this.writable) return;
      this.removedWhileBehind.delete(deviceId);
      this.send('device-removed', JSON.stringify({ deviceId }));
    }
    for (const [deviceId, device] of this.devices) {
      if (!this.writable) return;
      if (device.added) {
        this.send('device-added', JSON.stringify(device.added));
        device.added = undefined;
      }
      const feed = this.owner.feeds.feedOf(this.account, deviceId);
      if (feed) {
        this.catchUp(deviceId, feed);
        if (feed.quota) this.quota(feed.quota);
      }
    }
  }

  send(event: string, data: string): boolean {
    const sent = this.write(`id: ${this.cursor()}\nevent: ${event}\ndata: ${data}\n\n`);
    if (sent) this.sent += 1;
    return sent;
  }

  /** A comment line: keeps proxies from closing an idle stream. */
  heartbeat(): void {
    this.write(':\n\n');
  }

  /** The last event (`error`, `shutdown`), then the end of the answer (even when behind). */
  finish(event: string, data: string, retryMs?: number): void {
    if (this.closed) return;
    const retry = retryMs === undefined ? '' : `retry: ${retryMs}\n`;
    this.raw.end(`${retry}id: ${this.cursor()}\nevent: ${event}\ndata: ${data}\n\n`);
    this.close(event === 'shutdown' ? 'shutdown' : 'error');
  }

  fail(problem: ProblemException): void {
    this.finish('error', problemEvent(problem, this.requestId));
  }

  close(reason: StreamEnd): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.behind);
    for (const deviceId of this.devices.keys()) this.owner.feeds.unwatchDevice(this, deviceId);
    if (this.all) this.owner.feeds.unwatchList(this);
    this.owner.ended(this, reason);
  }

  // ---- DeviceWatcher ------------------------------------------------------------------------

  deviceEvent(deviceId: string, event: FeedEvent, feed: DeviceFeed): void {
    const device = this.devices.get(deviceId);
    if (!device) return;
    if (device.cursor === undefined) this.catchUp(deviceId, feed);
    else if (event.seq === device.cursor + 1) this.emit(deviceId, event);
    else if (event.seq > device.cursor) this.catchUp(deviceId, feed);
  }

  deviceSynced(deviceId: string, feed: DeviceFeed): void {
    this.catchUp(deviceId, feed);
  }

  /**
   * Brings the device up to the feed: nothing when the stream is there already (or ahead, having
   * replayed a newer history), the events in between when the feed still holds them, else a
   * snapshot of the feed's view.
   */
  catchUp(deviceId: string, feed: DeviceFeed): void {
    const device = this.devices.get(deviceId);
    if (!device || !feed.synced || !this.writable) return;
    const at = feed.seq!;
    if (device.cursor !== undefined) {
      if (device.cursor >= at) return;
      const missed = feed.eventsAfter(device.cursor);
      if (missed) {
        for (const event of missed) this.emit(deviceId, event);
        return;
      }
    }
    this.snapshot(deviceId, feed.view, at);
  }

  /** The device as a view shows it, from sequence number `seq` on. */
  snapshot(deviceId: string, view: FeedView, seq: number): void {
    const device = this.devices.get(deviceId);
    if (!device || !this.writable) return;
    if (view.removed) {
      // A device the stream has not shown yet (added again since) waits for its next poll.
      if (device.cursor !== undefined) this.removeDevice(deviceId);
      return;
    }
    device.cursor = seq;
    if (view.state) this.send('snapshot', JSON.stringify({ deviceId, status: view.state }));
    if (view.error) this.send('device-error', JSON.stringify({ deviceId, ...view.error }));
  }

  /** One event of the device's feed, as the client sees it. */
  emit(deviceId: string, event: FeedEvent): void {
    const device = this.devices.get(deviceId);
    if (!device || !this.writable) return;
    device.cursor = event.seq;
    if (event.type === 'device-removed') {
      this.removeDevice(deviceId);
      return;
    }
    let data = dataOf.get(event);
    if (data === undefined) {
      data =
        event.type === 'device-error' || event.type === 'notification'
          ? JSON.stringify({ deviceId, ...event.data })
          : JSON.stringify({ deviceId, status: event.data });
      dataOf.set(event, data);
    }
    this.send(event.type, data);
  }

  quota(state: QuotaState): void {
    if (state.exhausted === this.quotaExhausted || !this.writable) return;
    this.quotaExhausted = state.exhausted;
    this.send('quota', JSON.stringify(state));
  }

  accountEnded(problem: ProblemException): void {
    this.fail(problem);
  }

  // ---- ListWatcher --------------------------------------------------------------------------

  private addListed(device: ApplianceDto): void {
    if (!this.all || this.closed || this.devices.has(device.deviceId)) return;
    if (this.devices.size >= MAX_CURSOR_DEVICES) return;
    this.removedWhileBehind.delete(device.deviceId);
    this.addDevice(device.deviceId, undefined, this.writable ? undefined : device);
    this.send('device-added', JSON.stringify(device));
    void this.owner.feeds.watchDevice(this, device.deviceId).then((feed) => {
      if (this.closed) this.owner.feeds.unwatchDevice(this, device.deviceId);
      else this.catchUp(device.deviceId, feed);
    });
  }

  listed(devices: ApplianceDto[]): void {
    if (!this.all || this.closed) return;
    const current = new Set(devices.map((device) => device.deviceId));
    for (const deviceId of [...this.devices.keys()]) {
      if (!current.has(deviceId)) this.removeDevice(deviceId);
    }
    for (const device of devices) this.addListed(device);
  }

  private removeDevice(deviceId: string): void {
    const device = this.devices.get(deviceId);
    this.devices.delete(deviceId);
    this.owner.feeds.unwatchDevice(this, deviceId);
    if (device?.added) return; // the client never heard of it
    if (!this.send('device-removed', JSON.stringify({ deviceId }))) {
      this.removedWhileBehind.add(deviceId);
    }
  }
}
