/**
 * Anchor rows of `npm run bench`, a bare NestJS 11 + Fastify app with nothing else: no guard, hook,
 * log line, pipe or filter.
 * - c0, `GET /status`: a fixed JSON document (the status document the gateway serves in row c).
 *   The floor a Nest route costs on this machine.
 * - eb, `GET /me` (with BARE_UPSTREAM): the Nueyne simulator's `GET /api/v1/lux/user/me`, asked
 *   with undici (a keep-alive pool, as the gateway's) and answered as parsed: the floor a Nest
 *   pass-through costs (row e's gateway does the same plus auth, token, policy, mapping).
 * - tb and kb, `GET /pass` (with BARE_UPSTREAM, BARE_PASS_PATH, BARE_PASS_HEADERS): the same for
 *   any upstream read (a Legacy therapy log list, an Interwater usage report), asked with those
 *   headers and answered as parsed.
 *
 * Environment: PORT, BARE_BODY (the JSON text to answer), BARE_UPSTREAM (the simulator's base URL),
 * BARE_UPSTREAM_TOKEN (its bearer token), BARE_PASS_PATH and BARE_PASS_HEADERS (JSON). Prints `{"url": ...}` once listening.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Agent, request } from 'undici';

const body = JSON.parse(process.env.BARE_BODY ?? '{}') as Record<string, unknown>;
const upstream = process.env.BARE_UPSTREAM;
const passHeaders = JSON.parse(process.env.BARE_PASS_HEADERS ?? '{}') as Record<string, string>;
const agent = new Agent({ connections: 128, keepAliveTimeout: 30_000 });

@Controller()
class StatusController {
  @Get('status')
  status(): Record<string, unknown> {
    return body;
  }

  @Get('me')
  async me(): Promise<unknown> {
    const response = await request(`${upstream}/api/v1/lux/user/me`, {
      dispatcher: agent,
      headers: { authorization: `Bearer ${process.env.BARE_UPSTREAM_TOKEN}` },
    });
    return response.body.json();
  }

  @Get('pass')
  async pass(): Promise<unknown> {
    const response = await request(`${upstream}${process.env.BARE_PASS_PATH}`, {
      dispatcher: agent,
      headers: passHeaders,
    });
    return response.body.json();
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
