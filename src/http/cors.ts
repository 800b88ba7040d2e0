import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../config/app-config';

/** `http://localhost:<port>` (and the loopback addresses), for a frontend dev server. */
const LOCALHOST_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/;

/** CORS for the browser clients of CORS_ORIGINS: what they may send, and read of the answers. */
export function enableCors(app: NestFastifyApplication, config: AppConfig): void {
  // Without CORS_ORIGINS, the sandbox (not production) lets a frontend dev server on any
  // localhost port call it.
  const origins =
    config.cors.origins === false && !config.production ? [LOCALHOST_ORIGIN] : config.cors.origins;
  if (origins === false) return;
  app.enableCors({
    origin: origins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'x-request-id',
      'traceparent',
      'if-none-match',
      // Server-sent events: a fetch-based client resuming a stream.
      'last-event-id',
      'idempotency-key',
    ],
    exposedHeaders: [
      'x-request-id',
      'etag',
      'x-cache',
      'x-stale-reason',
      'age',
      'retry-after',
      'ratelimit',
      'ratelimit-policy',
      'www-authenticate',
      'idempotent-replayed',
    ],
    maxAge: 600,
  });
}
