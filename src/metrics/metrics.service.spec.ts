import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { StoreUnavailableError } from '../redis/key-value.store';
import { MemoryKeyValueStore } from '../redis/memory-key-value.store';
import { ThinqBudget } from '../upstreams/thinq/thinq-budget';
import { MetricsService } from './metrics.service';
import { StoreProbe } from './store-probe';

/** The value of one series in a /metrics text, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('MetricsService: what the alerts and the dashboard read', () => {
  afterEach(() => jest.useRealTimers());

  it('exports each ThinQ account’s budget left, by a digest that is not the token, and the limits', async () => {
    const metrics = new MetricsService();
    const config = { thinq: { hourlyCallBudget: 10, commandReserve: 4 } } as AppConfig;
    const budget = new ThinqBudget(new MemoryKeyValueStore(), config, new Clock(), metrics);
    const account = { accessToken: 'secret-thinq-token' };
    for (let i = 0; i < 3; i++) await budget.tryConsume(account, 'read');
    await budget.tryConsume({ accessToken: 'other-token' }, 'command');

    const text = await metrics.render();
    expect(text).not.toContain('secret-thinq-token');
    const reads = [
      ...text.matchAll(
        /^junction_thinq_budget_remaining_calls\{account="([^"]+)",kind="read"\} (\d+)$/gm,
      ),
    ];
    expect(reads.map(([, , left]) => Number(left))).toEqual([3]);
    expect(reads[0][1]).toMatch(/^[\w-]{8}$/);
    expect(text).toMatch(
      /^junction_thinq_budget_remaining_calls\{account="[\w-]{8}",kind="command"\} 9$/m,
    );
    expect(sample(text, 'junction_thinq_budget_limit_calls{kind="read"}')).toBe(6);
    expect(sample(text, 'junction_thinq_budget_limit_calls{kind="command"}')).toBe(10);
  });

  it('forgets an account an hour after it was last seen (its budget is whole again), and keeps at most 2,000', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const metrics = new MetricsService();
    metrics.recordThinqBudget('old', 'read', 1, 180);
    jest.setSystemTime(1_000_000 + 30 * 60_000);
    metrics.recordThinqBudget('recent', 'read', 2, 180);
    jest.setSystemTime(1_000_000 + 61 * 60_000);
    let text = await metrics.render();
    expect(text).not.toContain('account="old"');
    expect(
      sample(text, 'junction_thinq_budget_remaining_calls{account="recent",kind="read"}'),
    ).toBe(2);

    for (let i = 0; i < 2001; i++) metrics.recordThinqBudget(`a${i}`, 'read', 5, 180);
    text = await metrics.render();
    expect(text.match(/^junction_thinq_budget_remaining_calls\{/gm)).toHaveLength(2000);
    expect(text).not.toContain('account="recent"');
    expect(text).not.toContain('account="a0"');
    expect(text).toContain('account="a2000"');
  });

  it('says whether Redis answers a PING at each scrape', async () => {
    const metrics = new MetricsService();
    const store = new MemoryKeyValueStore();
    let down = false;
    jest
      .spyOn(store, 'ping')
      .mockImplementation(() =>
        down
          ? Promise.reject(new StoreUnavailableError('Connection is closed.'))
          : Promise.resolve(),
      );
    new StoreProbe(store, metrics);
    expect(sample(await metrics.render(), 'junction_redis_up')).toBe(1);
    down = true;
    expect(sample(await metrics.render(), 'junction_redis_up')).toBe(0);
  });

  it('exports the V8 heap limit next to the used heap', async () => {
    const text = await new MetricsService().render();
    const limit = sample(text, 'junction_nodejs_heap_size_limit_bytes')!;
    const used = sample(text, 'junction_nodejs_heap_size_used_bytes')!;
    expect(used).toBeGreaterThan(0);
    expect(limit).toBeGreaterThan(used);
  });
});
