import { Injectable } from '@nestjs/common';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { RateLimiter } from '../../rate-limit/rate-limiter.service';

/**
 * The abuse limits of the onboarding routes, on the shared rate limiter (Redis counters, so they
 * hold across instances; groups and defaults in DEFAULT_RATE_LIMITS, overridable with
 * RATE_LIMITS). Each `hit` counts atomically before the upstream call, so concurrent requests
 * cannot slip past a limit together.
 *
 * Order matters: the narrow limits (per phone, per IP) count first and refuse first, so a request
 * one of them refuses never spends the shared SMS budget; only sends that pass them count toward
 * `sms-global`. SMS sends and code attempts fail closed: when Redis cannot count, no SMS is sent
 * and no code is tried (each costs money or is a guess at a secret); the other limits follow the
 * limiter's fail-open rule.
 */
@Injectable()
export class OnboardingLimits {
  constructor(private readonly limiter: RateLimiter) {}

  private async mustCount(group: string, id: string): Promise<void> {
    const state = await this.limiter.hit(group, id);
    if (!state) {
      throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
        detail: 'Phone verification is unavailable for a moment; try again shortly.',
        headers: { 'retry-after': '5' },
      });
    }
  }

  /** Before an SMS: per client IP, per phone number, then the global budget. */
  async smsSend(ip: string, phone: string): Promise<void> {
    await this.mustCount('sms-per-ip', `ip:${ip}`);
    await this.mustCount('sms-per-phone', `phone:${phone}`);
    await this.mustCount('sms-global', 'all');
  }

  /** Before a code is tried (confirm, Lux recover-id): per phone, right or wrong. */
  async codeAttempt(phone: string): Promise<void> {
    await this.mustCount('verification-attempts', `phone:${phone}`);
  }

  async signUp(ip: string): Promise<void> {
    await this.limiter.hit('sign-ups', `ip:${ip}`);
  }

  /** Recovery and reset: per client IP, then per target account (e-mail or phone). */
  async recovery(ip: string, account: string): Promise<void> {
    await this.limiter.hit('recovery', `ip:${ip}`);
    await this.limiter.hit('recovery-per-account', account);
  }

  async emailCheck(ip: string): Promise<void> {
    await this.limiter.hit('email-availability', `ip:${ip}`);
  }
}
