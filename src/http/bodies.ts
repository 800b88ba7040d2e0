import type { FastifyInstance } from 'fastify';
import { applyBodyLimit } from '../common/body/body-limit.decorator';
import { BodyBudget, registerBodyBudget, registerBodyParsers } from '../common/body/body-limits';
import { AppConfig } from '../config/app-config';

/** How request bodies are read: each route's limit, the parsers, the shared budget and times. */
export function registerBodies(fastify: FastifyInstance, config: AppConfig): void {
  // A route may take less than GATEWAY_BODY_LIMIT_BYTES: @BodyLimit() on its controller.
  fastify.addHook('onRoute', (route) => applyBodyLimit(route, config));
  // Only JSON and form bodies are understood, within BODY_LIMITS; anything else is a 415, never
  // silently dropped.
  registerBodyParsers(fastify);
  registerBodyBudget(
    fastify,
    new BodyBudget(config.bodyBudgetBytes, config.bodyLimitBytes),
    config.bodyTimes,
  );
}
