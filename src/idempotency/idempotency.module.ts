import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** `Idempotency-Key` for the routes that take `@Idempotent()`. */
@Module({
  providers: [IdempotencyInterceptor],
  exports: [IdempotencyInterceptor],
})
export class IdempotencyModule {}
