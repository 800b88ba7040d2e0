import fastifyCompress from '@fastify/compress';
import { NestFastifyApplication, RouteConfig } from '@nestjs/platform-fastify';
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

/**
 * brotli or gzip, as the client accepts, for answers of 1 KiB or more (the Swagger document,
 * lists, profiles). Smaller ones go out as they are, and the polled status route skips the
 * plugin altogether (@NoCompression: its negotiation costs about 3 µs a request, bench/README.md).
 * Registered before any route, as it hooks each route when it is added.
 * Request bodies are not decompressed (`globalDecompression: false`): no hook on every request
 * for it, and no compressed body growing past the body limit once inflated.
 */
export async function registerCompression(app: NestFastifyApplication): Promise<void> {
  honourNoCompression(app.getHttpAdapter().getInstance());
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    globalDecompression: false,
  });
}
