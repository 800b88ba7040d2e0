/**
 * Compiled by `npm run lint` (tsc over the repository), never run: a misspelt problem code must not
 * type-check against ProblemError.code, and a documented one must.
 */
import type { ErrorCode, ProblemError } from '../src/junction';

export function offline(error: ProblemError): boolean {
  // @ts-expect-error 'DEVICE_OFFLNE' is not an ErrorCode
  const misspelt = error.code === 'DEVICE_OFFLNE';
  const code: ErrorCode = 'DEVICE_OFFLINE';
  return misspelt || error.code === code;
}
