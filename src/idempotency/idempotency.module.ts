import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../auth/auth-core.module';
import { RedisModule } from '../redis/redis.module';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * `Idempotency-Key` for the routes that take `@Idempotent()`. Nest builds a route's interceptor in
 * the route's own module, so the interceptor's dependencies are exported with it.
 */
@Module({
  imports: [RedisModule, AuthCoreModule],
  providers: [IdempotencyInterceptor],
  exports: [IdempotencyInterceptor, RedisModule, AuthCoreModule],
})
export class IdempotencyModule {}
