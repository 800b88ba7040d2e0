import type { ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

/**
 * What a request must also pass once its caller is known (the rate limits live behind this). The
 * AuthGuard runs it alongside the session check, so their two Redis round trips overlap; it throws
 * to refuse, and returns the response headers to set when the request goes through.
 */
export abstract class RequestAdmission {
  abstract admit(
    context: ExecutionContext,
    principal: Principal | undefined,
  ): Promise<Record<string, string> | undefined>;
}
