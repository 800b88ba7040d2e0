import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';

/** Where a route's own body limit travels: its Fastify route config (`route.config`). */
const BODY_LIMIT = 'junctionBodyLimit';

/** A route's body limit in bytes, worked out from the configuration (AppConfig) at start-up. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- typed by the caller, see BodyLimit
export type BodyLimitOf = (config: any) => number;

function declare(handler: object, of: BodyLimitOf): void {
  const current = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as
    Record<string, unknown> | undefined;
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...current, [BODY_LIMIT]: of }, handler);
}

/**
 * The largest body this route, or every route of this controller, takes: instead of
 * GATEWAY_BODY_LIMIT_BYTES, Fastify refuses a larger one with 413 before reading it. The limit
 * goes with the route's Fastify config; `applyBodyLimit` (an onRoute hook) sets it.
 */
export function BodyLimit<Config>(
  of: (config: Config) => number,
): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      declare(descriptor.value as object, of);
      return;
    }
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (name !== 'constructor' && typeof method === 'function') declare(method, of);
    }
  };
}

/** Gives a route being registered the body limit it declared with @BodyLimit(), if any. */
export function applyBodyLimit<Config>(
  route: { bodyLimit?: number; config?: unknown },
  config: Config,
): void {
  const of = (route.config as Record<string, unknown> | undefined)?.[BODY_LIMIT];
  if (typeof of === 'function') route.bodyLimit = (of as BodyLimitOf)(config);
}
