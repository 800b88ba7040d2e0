import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { KeyValueStore } from '../../redis/key-value.store';

/**
 * How long an instance counts as alive after it last said so; it says so every third of it. This
 * is how long the streams of an instance that died (SIGKILL, a lost node) still count against
 * their sessions: their clients reconnect elsewhere at once, and with the default of four
 * streams a session of four tabs was refused (429) until it passed. One SET a second per
 * instance with streams buys a 3 s bound (test/chaos-kill-mid-stream.e2e-spec.ts).
 */
export const ALIVE_MS = 3_000;
/** A session's set of open streams outlives any stream (the set is refreshed on every open). */
const SET_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Open streams per session, counted across instances: a set per session in Redis of
 * `<instance>:<stream>` members. An instance that dies cannot remove its members, so each instance
 * also keeps an "alive" key while it has streams, and a count leaves out (and removes) the members
 * of instances whose key has expired. Two streams opened at the same moment past the limit may
 * both be refused (each counts the other), never both admitted.
 */
@Injectable()
export class StreamSlots implements OnApplicationShutdown {
  readonly instance = randomBytes(9).toString('base64url');
  private held = 0;
  private alive?: NodeJS.Timeout;
  private firstBeat?: Promise<unknown>;

  constructor(private readonly store: KeyValueStore) {}

  onApplicationShutdown(): void {
    clearInterval(this.alive);
    this.alive = undefined;
  }

  /** Takes a slot for the stream; false when the session already has `limit` open. */
  async acquire(sid: string, stream: string, limit: number): Promise<boolean> {
    await this.keepAlive();
    const key = this.keyOf(sid);
    const member = `${this.instance}:${stream}`;
    await this.store.addToSet(key, member, SET_TTL_MS);
    const members = await this.store.members(key);
    const instances = [...new Set(members.map((m) => m.split(':')[0]))];
    const alive = new Map(
      await Promise.all(
        instances.map(async (id): Promise<[string, boolean]> => [
          id,
          id === this.instance || (await this.store.get(this.aliveKey(id))) !== null,
        ]),
      ),
    );
    const live: string[] = [];
    for (const entry of members) {
      if (alive.get(entry.split(':')[0])) live.push(entry);
      else await this.store.removeFromSet(key, entry);
    }
    if (live.length > limit) {
      await this.store.removeFromSet(key, member);
      return false;
    }
    this.held += 1;
    return true;
  }

  async release(sid: string, stream: string): Promise<void> {
    this.held = Math.max(0, this.held - 1);
    await this.store.removeFromSet(this.keyOf(sid), `${this.instance}:${stream}`);
    if (this.held === 0) {
      clearInterval(this.alive);
      this.alive = undefined;
      this.firstBeat = undefined;
    }
  }

  private keepAlive(): Promise<unknown> {
    const beat = () => this.store.set(this.aliveKey(this.instance), '1', { ttlMs: ALIVE_MS });
    if (!this.alive) {
      this.alive = setInterval(() => void beat().catch(() => undefined), ALIVE_MS / 3);
      this.alive.unref();
    }
    this.firstBeat ??= beat().catch((error: unknown) => {
      this.firstBeat = undefined;
      throw error;
    });
    return this.firstBeat;
  }

  private keyOf(sid: string): string {
    return `appliance-events:streams:{${sid}}`;
  }

  private aliveKey(instance: string): string {
    return `appliance-events:instance:${instance}`;
  }
}
