import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  IdempotencyInterceptor,
} from './idempotency.interceptor';

/**
 * The route takes `Idempotency-Key` (IdempotencyInterceptor): declared in the OpenAPI document with
 * its 409 and 422 answers. The controller's module imports IdempotencyModule.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'A key of your choosing (a UUID) that makes a retry safe: the same key and body from the same caller within `IDEMPOTENCY_TTL_SECONDS` (24 h) answer what the first request answered, without running it again (`idempotent-replayed: true`), on any instance. The same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; while the first is still running a duplicate waits up to 2 s, then gets 409 `IDEMPOTENT_REQUEST_IN_FLIGHT` with `Retry-After`. A failed request keeps nothing: send it again with the same key. The SDK sends a new key with every such request unless you pass one.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN },
    }),
    ApiProblems(409, 422),
  );
