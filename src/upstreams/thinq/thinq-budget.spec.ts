import { Clock } from '../../common/clock';
import { ErrorCode } from '../../common/problem/error-code';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { StoreUnavailableError } from '../../redis/key-value.store';
import { MemoryKeyValueStore } from '../../redis/memory-key-value.store';
import { ThinqBudget } from './thinq-budget';

const HOUR = 3_600_000;

function setup(budget = 4, reserve = 1) {
  let now = 1_000_000;
  const clock: Clock = { now: () => now };
  const store = new MemoryKeyValueStore(() => now);
  const metrics = new MetricsService();
  const config = { thinq: { hourlyCallBudget: budget, commandReserve: reserve } } as AppConfig;
  return {
    budget: new ThinqBudget(store, config, clock, metrics),
    store,
    metrics,
    advance: (ms: number) => (now += ms),
  };
}

const a = { accessToken: 'token-a' };
const b = { accessToken: 'token-b' };

describe('ThinqBudget', () => {
  it('lets reads spend the budget minus the reserve, commands the rest, per rolling hour', async () => {
    const { budget, advance } = setup(4, 1);
    expect(await budget.remaining(a)).toEqual({ remaining: 3, retryAfterSeconds: 0 });
    for (let i = 0; i < 3; i++) {
      expect((await budget.tryConsume(a)).allowed).toBe(true);
      advance(60_000);
    }
    // Reads are spent; the first of them leaves the window an hour after it was made.
    expect(await budget.tryConsume(a)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: (HOUR - 3 * 60_000) / 1000,
    });
    expect((await budget.tryConsume(a, 'command')).allowed).toBe(true);
    expect((await budget.tryConsume(a, 'command')).allowed).toBe(false);
    advance(HOUR - 3 * 60_000);
    // The window slid past the first read: one read (not two: the command still counts).
    expect(await budget.remaining(a)).toEqual({ remaining: 0, retryAfterSeconds: 60 });
    expect((await budget.remaining(a, 'command')).remaining).toBe(1);
    advance(60_000);
    expect((await budget.tryConsume(a)).allowed).toBe(true);
  });

  it('keeps one account\u2019s spending away from another\u2019s', async () => {
    const { budget } = setup(2, 0);
    await budget.tryConsume(a);
    await budget.tryConsume(a);
    expect((await budget.tryConsume(a)).allowed).toBe(false);
    expect(await budget.tryConsume(b)).toEqual({
      allowed: true,
      remaining: 1,
      retryAfterSeconds: 0,
    });
  });

  it('refuses with 429 UPSTREAM_QUOTA_EXHAUSTED and Retry-After through admit()', async () => {
    const { budget } = setup(1, 0);
    await budget.admit(a, 'read');
    await expect(budget.admit(a, 'read')).rejects.toMatchObject({
      code: ErrorCode.UPSTREAM_QUOTA_EXHAUSTED,
      headers: { 'retry-after': '3600' },
    });
  });

  it('blocks an account ThinQ refused, commands too, until the block ends', async () => {
    const { budget, advance } = setup(10, 2);
    await budget.block(a, 90);
    expect(await budget.tryConsume(a, 'command')).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 90,
    });
    expect((await budget.tryConsume(b)).allowed).toBe(true);
    advance(90_000);
    expect((await budget.tryConsume(a)).allowed).toBe(true);
  });

  it('lets calls through when the store is down, and counts that', async () => {
    const { budget, store, metrics } = setup(1, 0);
    jest.spyOn(store, 'ttl').mockRejectedValue(new StoreUnavailableError());
    for (let i = 0; i < 3; i++) expect((await budget.tryConsume(a)).allowed).toBe(true);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/junction_store_fail_open_total\{component="thinq-budget"\} 3/);
  });
});
