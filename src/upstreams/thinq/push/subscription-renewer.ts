/** What a renewal found: renewed, or ThinQ will not push for the device any more. */
export type RenewOutcome = 'renewed' | 'refused';

/** A failed renewal is tried again after 1 minute, doubling up to this. */
const RETRY_MAX_MS = 15 * 60 * 1000;
const RETRY_FIRST_MS = 60 * 1000;

/**
 * Renews each watched device's event subscription before it expires: every `everyMs` (nine
 * tenths of its lifetime) while the device is watched, sooner again when a renewal fails. The
 * timers are unref'd: they never hold the process open.
 */
export class SubscriptionRenewer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly everyMs: number,
    private readonly renew: (deviceId: string) => Promise<RenewOutcome>,
    private readonly onFailure: (deviceId: string, error: unknown) => void = () => undefined,
  ) {}

  /** Renews the device's subscription `everyMs` from now, and on. */
  start(deviceId: string): void {
    this.schedule(deviceId, this.everyMs, 0);
  }

  stop(deviceId: string): void {
    clearTimeout(this.timers.get(deviceId));
    this.timers.delete(deviceId);
  }

  stopAll(): void {
    for (const deviceId of [...this.timers.keys()]) this.stop(deviceId);
  }

  has(deviceId: string): boolean {
    return this.timers.has(deviceId);
  }

  private schedule(deviceId: string, delayMs: number, failures: number): void {
    this.stop(deviceId);
    const timer = setTimeout(() => void this.run(deviceId, timer, failures), delayMs);
    timer.unref();
    this.timers.set(deviceId, timer);
  }

  private async run(deviceId: string, timer: NodeJS.Timeout, failures: number): Promise<void> {
    let outcome: RenewOutcome;
    try {
      outcome = await this.renew(deviceId);
    } catch (error) {
      this.onFailure(deviceId, error);
      // Unwatched meanwhile: nothing to retry.
      if (this.timers.get(deviceId) !== timer) return;
      const retryMs = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures, this.everyMs);
      this.schedule(deviceId, retryMs, failures + 1);
      return;
    }
    if (this.timers.get(deviceId) !== timer) return;
    if (outcome === 'refused') this.stop(deviceId);
    else this.schedule(deviceId, this.everyMs, 0);
  }
}
