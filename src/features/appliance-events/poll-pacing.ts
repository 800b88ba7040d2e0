const HOUR_MS = 60 * 60 * 1000;
/**
 * Polls are paced so that they never spend the account's read budget by themselves: a device is
 * polled at most every HOUR / (PACE x reads left), never more often than APPLIANCE_EVENTS_POLL_MS.
 * With a full budget that is the poll interval; as the budget runs low the polls space out (one
 * device settles at about 4/5 of the reads, leaving the rest to everything else).
 */
const PACE = 4;

/** When to poll a device next, given the reads the account has left this hour. */
export function nextDevicePollAt(now: number, pollMs: number, readsLeft: number): number {
  return now + Math.max(pollMs, HOUR_MS / (PACE * Math.max(1, readsLeft)));
}

/** The most a poll may come before its time, for a tick's jitter (isPollDue). */
const POLL_SLACK_MS = 500;

/**
 * Whether a poll due at `nextPollAt` is due at a tick at `now`. Ticks come every `pollMs`, but a
 * poll notes its time after the tick's first await (the lease), so the next tick can land a few
 * milliseconds before it: without slack, that tick skips and the device is polled every other
 * interval (seen in bench s.3: 13-15 reads in 30 s at 5 s instead of 18). The slack (a quarter of
 * an interval, at most POLL_SLACK_MS) covers that jitter; polls stay at least that close to the
 * interval (4.5 s apart at 5 s).
 */
export function isPollDue(now: number, nextPollAt: number, pollMs: number): boolean {
  return now >= nextPollAt - Math.min(pollMs / 4, POLL_SLACK_MS);
}

/** After a spent budget, no poll before ThinQ's Retry-After. */
export function afterRetryAfter(
  nextPollAt: number,
  now: number,
  retryAfterSeconds: number | undefined,
): number {
  return retryAfterSeconds ? Math.max(nextPollAt, now + retryAfterSeconds * 1000) : nextPollAt;
}

/** How old a cached value a poll takes: half an interval (at least 1 ms). */
export function pollMaxAgeMs(intervalMs: number): number {
  return Math.max(1, Math.floor(intervalMs / 2));
}
