import { EventEmitter } from 'node:events';

/** Ends a subscription. */
export type Unsubscribe = () => Promise<void>;

/**
 * Messages between every gateway instance of a deployment (Redis pub/sub; in memory for the
 * sandbox). Delivery is at most once: a message published while an instance's subscriber
 * connection is down never reaches it. `live` says whether messages are being received right now,
 * and `onLiveChange` tells when that changes, so a subscriber can resynchronise after a gap
 * (drop what it remembered, read the state again).
 */
export abstract class MessageBus {
  /** Sends `message` to the subscribers of `channel` on every instance, this one included. */
  abstract publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `handler` with every message on `channel` from now on (once the subscription is
   * confirmed: the promise resolves then), until the returned function is called.
   */
  abstract subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe>;
  /** True while this instance receives every message published (its subscriber is connected). */
  abstract get live(): boolean;
  /** Called with the new value each time `live` changes. */
  abstract onLiveChange(listener: (live: boolean) => void): void;
  abstract close(): Promise<void>;
}

/** The sandbox's bus (in-memory store): one process, nothing is ever lost. */
export class MemoryMessageBus extends MessageBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    super();
    this.emitter.setMaxListeners(0);
  }

  get live(): boolean {
    return true;
  }

  onLiveChange(listener: (live: boolean) => void): void {
    void listener; // always live: never called
  }

  publish(channel: string, message: string): Promise<void> {
    this.emitter.emit(channel, message);
    return Promise.resolve();
  }

  subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe> {
    this.emitter.on(channel, handler);
    return Promise.resolve(() => {
      this.emitter.off(channel, handler);
      return Promise.resolve();
    });
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}
