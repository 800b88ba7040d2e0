import { KeyValueStore, SetOptions, WindowCount, WindowTake } from './key-value.store';

interface Entry {
  /** A string, a set, or a sliding log of timestamps (oldest first). */
  value: string | Set<string> | number[];
  expiresAt?: number;
}

/** In-process store for the sandbox: same semantics as Redis, shared by nothing else. */
export class MemoryKeyValueStore extends KeyValueStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    for (const key of [...this.entries.keys()]) this.live(key);
  }

  private expiry(ttlMs?: number): number | undefined {
    return ttlMs === undefined ? undefined : this.now() + ttlMs;
  }

  get(key: string): Promise<string | null> {
    const entry = this.live(key);
    return Promise.resolve(typeof entry?.value === 'string' ? entry.value : null);
  }

  set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    if (options.ifAbsent && this.live(key)) return Promise.resolve(false);
    this.entries.set(key, { value, expiresAt: this.expiry(options.ttlMs) });
    return Promise.resolve(true);
  }

  del(key: string): Promise<boolean> {
    const existed = this.live(key) !== undefined;
    this.entries.delete(key);
    return Promise.resolve(existed);
  }

  deleteIfEquals(key: string, expected: string): Promise<boolean> {
    if (this.live(key)?.value !== expected) return Promise.resolve(false);
    this.entries.delete(key);
    return Promise.resolve(true);
  }

  replaceIfEquals(key: string, expected: string, next: string, ttlMs?: number): Promise<boolean> {
    const entry = this.live(key);
    if (entry?.value !== expected) return Promise.resolve(false);
    this.entries.set(key, {
      value: next,
      expiresAt: ttlMs === undefined ? entry.expiresAt : this.expiry(ttlMs),
    });
    return Promise.resolve(true);
  }

  increment(key: string, windowMs: number, by = 1): Promise<WindowCount> {
    const entry = this.live(key);
    if (!entry || typeof entry.value !== 'string') {
      this.entries.set(key, { value: String(by), expiresAt: this.expiry(windowMs) });
      return Promise.resolve({ count: by, ttlMs: windowMs });
    }
    const count = Number(entry.value) + by;
    entry.value = String(count);
    return Promise.resolve({ count, ttlMs: (entry.expiresAt ?? this.now()) - this.now() });
  }

  takeFromWindow(
    key: string,
    window: { now: number; windowMs: number; limit: number; take: boolean },
  ): Promise<WindowTake> {
    const { now, windowMs, limit, take } = window;
    const entry = this.live(key);
    const log = (Array.isArray(entry?.value) ? entry.value : []).filter(
      (at) => at > now - windowMs,
    );
    if (log.length < limit) {
      if (take) {
        log.push(now);
        this.entries.set(key, { value: log, expiresAt: this.expiry(windowMs) });
        return Promise.resolve({ taken: true, count: log.length, retryAfterMs: 0 });
      }
      if (entry) entry.value = log;
      return Promise.resolve({ taken: false, count: log.length, retryAfterMs: 0 });
    }
    if (entry) entry.value = log;
    const retryAfterMs = Math.max(1, log[log.length - limit] + windowMs - now);
    return Promise.resolve({ taken: false, count: log.length, retryAfterMs });
  }

  ttl(key: string): Promise<number> {
    const entry = this.live(key);
    if (!entry) return Promise.resolve(-2);
    return Promise.resolve(entry.expiresAt === undefined ? -1 : entry.expiresAt - this.now());
  }

  addToSet(key: string, member: string, ttlMs?: number): Promise<void> {
    const entry = this.live(key);
    const set = entry?.value instanceof Set ? entry.value : new Set<string>();
    set.add(member);
    this.entries.set(key, {
      value: set,
      expiresAt: ttlMs === undefined ? entry?.expiresAt : this.expiry(ttlMs),
    });
    return Promise.resolve();
  }

  removeFromSet(key: string, member: string): Promise<void> {
    const entry = this.live(key);
    if (entry?.value instanceof Set) {
      entry.value.delete(member);
      if (entry.value.size === 0) this.entries.delete(key);
    }
    return Promise.resolve();
  }

  members(key: string): Promise<string[]> {
    const entry = this.live(key);
    return Promise.resolve(entry?.value instanceof Set ? [...entry.value] : []);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    return Promise.resolve();
  }
}
