import { backgroundContext } from '../../common/context/request-context';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppliancesService } from '../appliances/appliances.service';
import { isDefinite, isQuota, retryAfterOf } from './feed-problems';
import { QuotaState } from './feed-record';
import { DeviceWatcher } from './feed-state';
import { StatusDocument } from './status-diff';

/** What one read of a device's status found: where a device feed's changes come from. */
export interface DeviceReading {
  /** The account's budget, when the read tells (unset when a failing ThinQ did not say). */
  quota?: QuotaState;
  /** The device's status (possibly the cache's last value while the budget is spent). */
  status?: StatusDocument;
  /** What ThinQ said instead of a status (gone, offline, the login ended, failing). */
  problem?: ProblemException;
}

/**
 * Reads the device's status for `watcher` through the status cache (the same entry as
 * GET .../status, a value at most `maxAgeMs` old).
 */
export async function readDeviceStatus(
  appliances: AppliancesService,
  watcher: DeviceWatcher,
  deviceId: string,
  maxAgeMs: number,
): Promise<DeviceReading> {
  try {
    const cached = await appliances.pollStatus(
      backgroundContext(watcher.principal.sub),
      watcher.principal,
      watcher.account,
      deviceId,
      maxAgeMs,
    );
    // A definite answer about the device (gone, offline, the login ended) counts as one even
    // when the cache stands in with the last value; a failing or slow ThinQ does not.
    if (isDefinite(cached.staleReason)) return { problem: cached.staleReason };
    let quota: QuotaState | undefined;
    if (isQuota(cached.staleReason)) {
      quota = { exhausted: true, retryAfterSeconds: retryAfterOf(cached.staleReason) };
    } else if (cached.state !== 'STALE') quota = { exhausted: false };
    return { quota, status: cached.value };
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    if (isQuota(error))
      return { quota: { exhausted: true, retryAfterSeconds: retryAfterOf(error) } };
    return { problem: error };
  }
}
