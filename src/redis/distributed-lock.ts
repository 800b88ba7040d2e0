import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { KeyValueStore } from './key-value.store';

export interface LockOptions {
  /** How long the lock lives if its holder dies. */
  ttlMs: number;
  /** How long to keep trying before giving up. */
  waitMs: number;
  /** Pause between attempts. */
  pollMs?: number;
}

/**
 * A lease in the shared store (SET NX PX, released only by its holder). `runExclusive` gives
 * "exactly one instance does this; the others wait and then see its result" in the caller's hands:
 * `ready()` is asked before every attempt, so a waiter that finds the work done returns at once.
 */
@Injectable()
export class DistributedLock {
  constructor(private readonly store: KeyValueStore) {}

  async runExclusive<T>(
    key: string,
    options: LockOptions,
    ready: () => Promise<T | undefined>,
    work: () => Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + options.waitMs;
    const token = randomBytes(12).toString('base64url');
    for (;;) {
      const done = await ready();
      if (done !== undefined) return done;
      if (await this.store.set(key, token, { ttlMs: options.ttlMs, ifAbsent: true })) {
        try {
          const again = await ready();
          return again !== undefined ? again : await work();
        } finally {
          await this.store.deleteIfEquals(key, token).catch(() => undefined);
        }
      }
      if (Date.now() >= deadline) throw new LockTimeoutError(key);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 20));
    }
  }
}

export class LockTimeoutError extends Error {
  constructor(key: string) {
    super(`Timed out waiting for lock ${key}`);
    this.name = 'LockTimeoutError';
  }
}
