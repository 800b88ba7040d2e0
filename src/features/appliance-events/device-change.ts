import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { DeviceReading } from './device-status-poll';
import { endsAccount, problemData } from './feed-problems';
import { FeedEvent, FeedEventType, FeedRecord } from './feed-record';
import { diffStatus, StatusDocument } from './status-diff';

/** The next event of a device, before it is numbered. */
export interface FeedChange {
  type: FeedEventType;
  data: FeedEvent['data'];
}

/**
 * What a reading of the device means for its record: the event it makes (none when nothing
 * changed, or the same problem again), or the end of the account (its login ended).
 */
export function changeOfReading(
  record: FeedRecord,
  reading: DeviceReading,
): { change?: FeedChange; ended?: ProblemException } {
  const problem = reading.problem;
  if (problem?.code === ErrorCode.DEVICE_NOT_FOUND) {
    return record.removed ? {} : { change: { type: 'device-removed', data: {} } };
  }
  if (problem && endsAccount(problem)) return { ended: problem };
  if (problem) {
    return record.error?.code === problem.code
      ? {}
      : { change: { type: 'device-error', data: problemData(problem) } };
  }
  return reading.status ? { change: changeOfStatus(record, reading.status) } : {};
}

/** The event a new status makes: none, the changes, or a snapshot. */
function changeOfStatus(record: FeedRecord, status: StatusDocument): FeedChange | undefined {
  if (!record.state || record.error || record.removed) return { type: 'snapshot', data: status };
  const changes = diffStatus(record.state, status);
  if (!changes) return { type: 'snapshot', data: status };
  return Object.keys(changes).length > 0 ? { type: 'status', data: changes } : undefined;
}
