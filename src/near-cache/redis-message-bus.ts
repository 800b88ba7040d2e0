import { Logger } from '@nestjs/common';
import Redis, { Cluster } from 'ioredis';
import { MessageBus, Unsubscribe } from './message-bus';

type Handler = (message: string) => void;

/**
 * The bus on Redis pub/sub (PUBLISH / SUBSCRIBE), on one node or a Redis Cluster.
 *
 * Messages go out on the store's own connection (auto-pipelined with everything else). They come
 * in on one subscriber connection per process, which this class manages itself rather than
 * through ioredis's `duplicate()` or Cluster subscriber: those reconnect and resubscribe silently
 * (the Cluster one even moves to another node), and a subscriber must know when messages may have
 * been lost. So the connection never reconnects on its own: when it closes, `live` turns false at
 * once; a new connection is then opened (on a Cluster, to the next node) and `live` turns true
 * only once every channel is subscribed again.
 *
 * On a Redis Cluster, plain PUBLISH reaches every node (the cluster bus forwards it), so one
 * subscriber on any node hears every channel: simple, and fine for invalidations and modest
 * fan-out. Sharded pub/sub (SPUBLISH / SSUBSCRIBE, Redis 7) keeps a message on its shard but needs
 * one subscriber per shard; worth it only when the message volume makes the cluster bus busy.
 */
export class RedisMessageBus extends MessageBus {
  private readonly logger = new Logger('MessageBus');
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly listeners: ((live: boolean) => void)[] = [];
  private subscriber?: Redis;
  private subscribed = false;
  private attempt = 0;
  private reconnect?: NodeJS.Timeout;
  private closed = false;

  /**
   * @param publisher the store's connection (single node or Cluster)
   * @param channelPrefix prepended to every channel (the deployment's key prefix)
   * @param connectSubscriber opens a subscriber connection; `attempt` counts failures since the
   *   last success (a Cluster picks another node each time). It must not reconnect by itself.
   */
  constructor(
    private readonly publisher: Redis | Cluster,
    private readonly channelPrefix: string,
    private readonly connectSubscriber: (attempt: number) => Redis,
  ) {
    super();
  }

  /** Busy both ways: the store's connection is up, and the subscriber holds every channel. */
  get live(): boolean {
    return this.subscribed && this.publisher.status === 'ready';
  }

  onLiveChange(listener: (live: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Opens the subscriber connection (and keeps one open until close()). */
  start(): void {
    if (!this.subscriber && !this.closed) this.connect();
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(this.channelPrefix + channel, message);
  }

  async subscribe(channel: string, handler: Handler): Promise<Unsubscribe> {
    const name = this.channelPrefix + channel;
    let handlers = this.handlers.get(name);
    const first = !handlers;
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(name, handlers);
    }
    handlers.add(handler);
    // Not connected: the channel is subscribed with the others once the connection is ready.
    const subscriber = this.subscriber;
    if (first && subscriber?.status === 'ready') {
      try {
        await subscriber.subscribe(name);
      } catch {
        // A fresh connection subscribes every channel (and `live` is false meanwhile).
        subscriber.disconnect();
      }
    }
    return async () => {
      const current = this.handlers.get(name);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(name);
      if (this.subscriber?.status === 'ready') await this.subscriber.unsubscribe(name);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    this.setSubscribed(false);
    if (subscriber) {
      await subscriber.quit().catch(() => undefined);
      subscriber.disconnect();
    }
  }

  private connect(): void {
    const connection = this.connectSubscriber(this.attempt);
    this.subscriber = connection;
    connection.on('message', (channel: string, message: string) => {
      const handlers = this.handlers.get(channel);
      if (handlers) for (const handler of handlers) handler(message);
    });
    // Failures show as 'close' and 'end'; the error itself is logged once below.
    connection.on('error', () => undefined);
    connection.once('ready', () => void this.subscribeAll(connection));
    connection.on('close', () => {
      if (this.subscriber === connection) this.setSubscribed(false);
    });
    connection.once('end', () => {
      if (this.subscriber !== connection || this.closed) return;
      this.subscriber = undefined;
      this.setSubscribed(false);
      this.attempt += 1;
      if (this.attempt === 1) this.logger.warn('Subscriber connection lost; reconnecting');
      this.reconnect = setTimeout(() => this.connect(), Math.min(this.attempt * 200, 2000));
      this.reconnect.unref();
    });
  }

  private async subscribeAll(connection: Redis): Promise<void> {
    try {
      const channels = [...this.handlers.keys()];
      if (channels.length > 0) await connection.subscribe(...channels);
    } catch {
      connection.disconnect();
      return;
    }
    if (this.subscriber !== connection) return;
    if (this.attempt > 0) this.logger.log('Subscriber connection back');
    this.attempt = 0;
    this.setSubscribed(true);
  }

  private setSubscribed(value: boolean): void {
    if (this.subscribed === value) return;
    this.subscribed = value;
    for (const listener of this.listeners) listener(value);
  }
}
