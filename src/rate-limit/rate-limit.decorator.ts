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

export const RATE_LIMIT_SIGN_IN = 'junction:rate-limit:sign-in';

/** The group every upstream sign-in counts toward, per client IP (the token endpoint's limit). */
export const SIGN_IN_RATE_LIMIT: RateLimitOptions = { group: 'auth', by: 'ip' };

/**
 * Marks a route that signs in upstream (or checks an upstream credential) outside the token
 * endpoint, e.g. linking an account: besides its own group, it counts toward the token endpoint's
 * per-IP `auth` limit, so spraying passwords through it is held to the same budget.
 */
export const SignsInUpstream = (): MethodDecorator & ClassDecorator =>
  SetMetadata(RATE_LIMIT_SIGN_IN, true);
