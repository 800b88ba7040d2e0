import { Module } from '@nestjs/common';
import { RequestAdmission } from '../common/access/request-admission';
import { RedisModule } from '../redis/redis.module';
import { RateLimitAdmission } from './rate-limit.admission';
import { RateLimiter } from './rate-limiter.service';

/** The limiter, and the admission step the AuthGuard runs for every request. */
@Module({
  imports: [RedisModule],
  providers: [RateLimiter, { provide: RequestAdmission, useClass: RateLimitAdmission }],
  exports: [RateLimiter, RequestAdmission],
})
export class RateLimitModule {}
