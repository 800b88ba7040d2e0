import { UpstreamHealth } from './upstream-health';

describe('UpstreamHealth', () => {
  afterEach(() => jest.useRealTimers());

  it('reports the last success and failure as ISO times, the failures in a row and the breaker', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-30T00:00:00.000Z') });
    const health = new UpstreamHealth();
    health.register('thinq', 'remote');
    health.registerBreaker('thinq', () => 'closed');
    expect(health.snapshot()).toEqual({
      thinq: { mode: 'remote', state: 'unknown', consecutiveFailures: 0, breaker: 'closed' },
    });

    health.success('thinq');
    jest.setSystemTime(Date.parse('2026-11-30T00:00:05.250Z'));
    health.failure('thinq', 'timeout');
    health.failure('thinq', 'HTTP 503');
    expect(health.snapshot()).toEqual({
      thinq: {
        mode: 'remote',
        state: 'failing',
        consecutiveFailures: 2,
        lastSuccessAt: '2026-11-30T00:00:00.000Z',
        lastFailureAt: '2026-11-30T00:00:05.250Z',
        lastFailure: 'HTTP 503',
        breaker: 'closed',
      },
    });

    health.success('thinq');
    expect(health.snapshot().thinq).toMatchObject({
      state: 'healthy',
      consecutiveFailures: 0,
      lastSuccessAt: '2026-11-30T00:00:05.250Z',
    });
  });
});
