import { nextDevicePollAt } from './poll-pacing';

describe('nextDevicePollAt', () => {
  it('polls every interval on a full budget and spaces out as it runs low', () => {
    expect(nextDevicePollAt(0, 1000, 10_000)).toBe(1000);
    expect(nextDevicePollAt(0, 1000, 100)).toBe(9000);
    expect(nextDevicePollAt(0, 1000, 0)).toBe(900_000);
  });
});
