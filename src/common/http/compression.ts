import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * Leaves a route's answers uncompressed whatever their size: for the small JSON answers of hot,
 * polled routes, where @fastify/compress's per-request negotiation costs CPU (about 3 µs of some
 * 220 µs per request, measured) and would save nothing under its 1 KiB threshold.
 */
export const NoCompression = (): MethodDecorator => RouteConfig({ compress: false });

/** Applies NoCompression: must be added before @fastify/compress, which reads `compress` on onRoute. */
export function honourNoCompression(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const config: { compress?: unknown } | undefined = route.config;
    if (config?.compress === false) route.compress = false;
  });
}
