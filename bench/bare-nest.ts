/**
 * Anchor row c0 of `npm run bench`: a bare NestJS 11 + Fastify app answering one GET route with a
 * fixed JSON document (the status document the gateway serves in row c), with nothing else: no
 * guard, hook, log line, pipe or filter. It is the floor a Nest route costs on this machine.
 *
 * Environment: PORT, BARE_BODY (the JSON text to answer). Prints `{"url": ...}` once listening.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

const body = JSON.parse(process.env.BARE_BODY ?? '{}') as Record<string, unknown>;

@Controller()
class StatusController {
  @Get('status')
  status(): Record<string, unknown> {
    return body;
  }
}

@Module({ controllers: [StatusController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  const port = Number(process.env.PORT ?? 0);
  await app.listen(port, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ url: await app.getUrl() })}\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
