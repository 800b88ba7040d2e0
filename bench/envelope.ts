/**
 * Row c1 of `npm run bench`: the gateway's per-request envelope around a precomputed answer. The
 * built gateway's own `createApp` (its Fastify options, request id, hooks: security headers, ETag
 * and 304, access line, request histogram; its filter, pipes, compression, CORS, guard) with one
 * probe route added, `GET /__bench/envelope`: public (the guard's public path: no token, no rate
 * limit) and, like the status route, closed to compression (its answers are under the threshold);
 * it answers the status JSON of row c (BARE_BODY) with a weak ETag computed once, as a cached read
 * does. Everything else a warm read does (token, session, limit, cache lookup) is missing: the
 * row is the envelope's cost, to hold beside c0 (the bare Nest route).
 *
 * Environment: the gateway's own; BENCH_GATEWAY_DIST (the build's dist folder, so an A/B run
 * measures the envelope of each build), BARE_BODY.
 */
import 'reflect-metadata';
import { Controller, Get, Module, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { join, resolve } from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports -- the build under test, chosen at run time */
const dist = resolve(process.env.BENCH_GATEWAY_DIST ?? join(__dirname, '../dist'));
const { createApp } = require(join(dist, 'app.factory')) as typeof import('../src/app.factory');
const { loadConfig } = require(
  join(dist, 'config/config.loader'),
) as typeof import('../src/config/config.loader');
const { Public } = require(
  join(dist, 'common/access/public.decorator'),
) as typeof import('../src/common/access/public.decorator');
const { NoCompression } = require(
  join(dist, 'common/http/compression'),
) as typeof import('../src/common/http/compression');
const { weakETag } = require(
  join(dist, 'common/http/etag'),
) as typeof import('../src/common/http/etag');
/* eslint-enable @typescript-eslint/no-require-imports */

const text = process.env.BARE_BODY ?? '{}';
const body = JSON.parse(text) as Record<string, unknown>;
const etag = weakETag(text);

@Controller('__bench')
class EnvelopeController {
  @Public()
  @NoCompression()
  @Get('envelope')
  envelope(@Res({ passthrough: true }) reply: FastifyReply): Record<string, unknown> {
    void reply.header('etag', etag);
    return body;
  }
}

@Module({ controllers: [EnvelopeController] })
class EnvelopeModule {}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp({ config, imports: [EnvelopeModule] });
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  await app.listen({ port: config.port, host: '127.0.0.1' });
}

void main();
