import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT = 'junction:rate-limit';

export interface RateLimitOptions {
  group: string;
  /** Whom the limit counts: the caller's session or client (default), or the client IP. */
  by: 'client' | 'ip';
}

/** Puts a route (or controller) in a rate-limit group of RATE_LIMITS; unmarked authenticated routes are in `default`. */
export const RateLimit = (
  group: string,
  by: RateLimitOptions['by'] = 'client',
): MethodDecorator & ClassDecorator =>
  SetMetadata(RATE_LIMIT, { group, by } satisfies RateLimitOptions);
