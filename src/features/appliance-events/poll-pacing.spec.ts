import { isPollDue, nextDevicePollAt } from './poll-pacing';

describe('nextDevicePollAt', () => {
  it('polls every interval on a full budget and spaces out as it runs low', () => {
    expect(nextDevicePollAt(0, 1000, 10_000)).toBe(1000);
    expect(nextDevicePollAt(0, 1000, 100)).toBe(9000);
    expect(nextDevicePollAt(0, 1000, 0)).toBe(900_000);
  });
});

describe('isPollDue', () => {
  it('takes a tick a few milliseconds early as the one the poll was due at', () => {
    // Polled at 1,003 (after the lease's await): due at 6,003; the next tick reads 6,001.
    const next = nextDevicePollAt(1003, 5000, 10_000);
    expect(isPollDue(6001, next, 5000)).toBe(true);
    expect(isPollDue(4000, next, 5000)).toBe(false);
  });

  it('never lets a poll come more than half a second (or a quarter interval) early', () => {
    expect(isPollDue(5499, 6000, 5000)).toBe(false);
    expect(isPollDue(5500, 6000, 5000)).toBe(true);
    expect(isPollDue(849, 1000, 600)).toBe(false);
    expect(isPollDue(850, 1000, 600)).toBe(true);
    // A budget running low spaces polls out; the slack does not undo that.
    expect(isPollDue(800_000, 900_000, 1000)).toBe(false);
  });
});
