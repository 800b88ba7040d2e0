import { Global, Module } from '@nestjs/common';
import { RateLimiter } from './rate-limiter.service';

/** The limiter; AppModule installs its guard (`RateLimitGuard`) globally, after authentication. */
@Global()
@Module({
  providers: [RateLimiter],
  exports: [RateLimiter],
})
export class RateLimitModule {}
