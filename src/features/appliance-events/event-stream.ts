import type { ServerResponse } from 'node:http';
import { Principal } from '../../auth/principal';
import { renderProblem } from '../../common/problem/problem';
import { ProblemException } from '../../common/problem/problem.exception';
import { ThinqAccount } from '../../upstreams/thinq/thinq.client';
import { ApplianceDto } from '../appliances/appliance.dto';
import { ApplianceFeeds, DeviceFeed, DeviceWatcher, ListWatcher } from './appliance-feeds';
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
 * Nothing is queued here: a frame goes to the socket at once, and the socket's own buffer is the
 * only one. When the client does not read, `writableLength` grows; past APPLIANCE_EVENTS_BUFFER_BYTES
 * the stream is dropped (the socket destroyed, every reference let go), so a slow reader costs at
 * most that much memory and never slows the others.
 */
export class EventStream implements DeviceWatcher, ListWatcher {
  readonly devices = new Map<string, StreamDevice>();
  private closed = false;
  private quotaExhausted = false;
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
    private readonly bufferBytes: number,
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

  /** The event id: where the stream stands on each device (`0` before any snapshot). */
  private cursor(): string {
    const positions: [string, number][] = [];
    for (const device of this.devices.values()) {
      if (device.cursor !== undefined) positions.push([device.tag, device.cursor]);
    }
    return positions.length > 0 ? encodeCursor(positions) : '0';
  }

  addDevice(deviceId: string, cursor?: number): void {
    this.devices.set(deviceId, { tag: deviceTag(deviceId), cursor });
  }

  /** Writes raw text; false (and the stream dropped) once the client is too far behind. */
  write(text: string): boolean {
    if (this.closed) return false;
    this.raw.write(text);
    if (this.raw.writableLength > this.bufferBytes) {
      this.raw.destroy();
      this.close('slow');
      return false;
    }
    return true;
  }

  send(event: string, data: string): void {
    if (this.write(`id: ${this.cursor()}\nevent: ${event}\ndata: ${data}\n\n`)) this.sent += 1;
  }

  /** A comment line: keeps proxies from closing an idle stream. */
  heartbeat(): void {
    this.write(':\n\n');
  }

  /** The last event (`error`, `shutdown`), then the end of the answer. */
  finish(event: string, data: string, retryMs?: number): void {
    if (this.closed) return;
    const retry = retryMs === undefined ? '' : `retry: ${retryMs}\n`;
    this.write(`${retry}id: ${this.cursor()}\nevent: ${event}\ndata: ${data}\n\n`);
    if (this.closed) return;
    this.raw.end();
    this.close(event === 'shutdown' ? 'shutdown' : 'error');
  }

  fail(problem: ProblemException): void {
    this.finish('error', problemEvent(problem, this.requestId));
  }

  close(reason: StreamEnd): void {
    if (this.closed) return;
    this.closed = true;
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
    if (!device || !feed.synced || this.closed) return;
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
    if (!device) return;
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
    if (!device) return;
    device.cursor = event.seq;
    if (event.type === 'device-removed') {
      this.removeDevice(deviceId);
      return;
    }
    let data = dataOf.get(event);
    if (data === undefined) {
      data =
        event.type === 'device-error'
          ? JSON.stringify({ deviceId, ...event.data })
          : JSON.stringify({ deviceId, status: event.data });
      dataOf.set(event, data);
    }
    this.send(event.type, data);
  }

  quota(state: QuotaState): void {
    if (state.exhausted === this.quotaExhausted) return;
    this.quotaExhausted = state.exhausted;
    this.send('quota', JSON.stringify(state));
  }

  accountEnded(problem: ProblemException): void {
    this.fail(problem);
  }

  // ---- ListWatcher --------------------------------------------------------------------------

  deviceAdded(device: ApplianceDto): void {
    if (!this.all || this.closed || this.devices.has(device.deviceId)) return;
    if (this.devices.size >= MAX_CURSOR_DEVICES) return;
    this.addDevice(device.deviceId);
    this.send('device-added', JSON.stringify(device));
    void this.owner.feeds.watchDevice(this, device.deviceId).then((feed) => {
      if (this.closed) this.owner.feeds.unwatchDevice(this, device.deviceId);
      else this.catchUp(device.deviceId, feed);
    });
  }

  deviceRemoved(deviceId: string): void {
    if (this.devices.has(deviceId)) this.removeDevice(deviceId);
  }

  private removeDevice(deviceId: string): void {
    this.devices.delete(deviceId);
    this.owner.feeds.unwatchDevice(this, deviceId);
    this.send('device-removed', JSON.stringify({ deviceId }));
  }
}
