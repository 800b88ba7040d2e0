import { RenewOutcome, SubscriptionRenewer } from './subscription-renewer';

const HOUR = 3_600_000;

describe('SubscriptionRenewer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setup(answer: () => Promise<RenewOutcome>) {
    const renewed: string[] = [];
    const failures: string[] = [];
    const renewer = new SubscriptionRenewer(
      Math.floor(24 * HOUR * 0.9),
      (deviceId) => {
        renewed.push(deviceId);
        return answer();
      },
      (deviceId) => failures.push(deviceId),
    );
    return { renewer, renewed, failures };
  }

  it('renews a 24-hour subscription after 21.6 hours, and again after as long', async () => {
    const { renewer, renewed } = setup(() => Promise.resolve('renewed'));
    renewer.start('d');
    await jest.advanceTimersByTimeAsync(21.6 * HOUR - 1);
    expect(renewed).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(renewed).toEqual(['d']);
    await jest.advanceTimersByTimeAsync(21.6 * HOUR);
    expect(renewed).toEqual(['d', 'd']);
  });

  it('renews nothing once the device is unwatched', async () => {
    const { renewer, renewed } = setup(() => Promise.resolve('renewed'));
    renewer.start('a');
    renewer.start('b');
    renewer.stop('a');
    await jest.advanceTimersByTimeAsync(48 * HOUR);
    expect(renewed).toEqual(['b', 'b']);
    renewer.stopAll();
    await jest.advanceTimersByTimeAsync(48 * HOUR);
    expect(renewed).toEqual(['b', 'b']);
    expect(renewer.has('b')).toBe(false);
  });

  it('tries a failed renewal again after 1, 2, 4 minutes, before the subscription ends', async () => {
    let fail = 3;
    const { renewer, renewed, failures } = setup(() =>
      fail-- > 0 ? Promise.reject(new Error('ThinQ down')) : Promise.resolve('renewed'),
    );
    renewer.start('d');
    await jest.advanceTimersByTimeAsync(21.6 * HOUR);
    expect(failures).toEqual(['d']);
    await jest.advanceTimersByTimeAsync(60_000);
    await jest.advanceTimersByTimeAsync(120_000);
    await jest.advanceTimersByTimeAsync(240_000);
    expect(renewed).toHaveLength(4);
    expect(failures).toHaveLength(3);
    // Renewed: the next one is a full period later.
    await jest.advanceTimersByTimeAsync(21.6 * HOUR - 1);
    expect(renewed).toHaveLength(4);
    await jest.advanceTimersByTimeAsync(1);
    expect(renewed).toHaveLength(5);
  });

  it('stops renewing a device ThinQ refuses', async () => {
    const { renewer, renewed } = setup(() => Promise.resolve('refused'));
    renewer.start('d');
    await jest.advanceTimersByTimeAsync(100 * HOUR);
    expect(renewed).toEqual(['d']);
    expect(renewer.has('d')).toBe(false);
  });

  it('does not hold the process open', () => {
    const { renewer } = setup(() => Promise.resolve('renewed'));
    const spy = jest.spyOn(global, 'setTimeout');
    renewer.start('d');
    const timer = spy.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    renewer.stopAll();
  });
});
