/**
 * CPU time per request of the gateway's own work, in process and without sockets: the real app
 * (createApp) on the simulators and a real redis-server, driven through Fastify's `inject()` by
 * BENCH_CONCURRENCY (50) requests at a time; beside it a bare NestJS + Fastify app answering the
 * same JSON through the same `inject()`. On a shared, noisy machine this is steadier than req/s
 * (it counts this process's CPU, not the wall clock), so it is the figure to compare two versions
 * of the code with; `npm run bench` gives the end-to-end figures.
 *
 * `npx ts-node --transpile-only bench/cpu-per-request.ts` (BENCH_REQUESTS, default 20000 per row;
 * BENCH_ROUNDS, default 3, rows alternated; BENCH_ROUTES: bare,status,me,links).
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { startRedis } from '../test/support/redis-server';
import { startStack } from '../test/support/stack';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ROUTES = (process.env.BENCH_ROUTES ?? 'bare,status,me').split(',');

type Inject = NestFastifyApplication['inject'];

/** Runs `count` requests, `CONCURRENCY` at a time; returns CPU and wall µs per request. */
async function drive(
  inject: Inject,
  url: string,
  headers: Record<string, string>,
  count: number,
): Promise<{ cpuUs: number; wallUs: number }> {
  let sent = 0;
  let failed = 0;
  const worker = async () => {
    while (sent < count) {
      sent += 1;
      const res = await inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) failed += 1;
    }
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (failed > 0) throw new Error(`${url}: ${failed} of ${count} answers were not 200`);
  return { cpuUs: (used.user + used.system) / count, wallUs: (wall * 1000) / count };
}

async function bare(body: unknown): Promise<NestFastifyApplication> {
  @Controller()
  class StatusController {
    @Get('status')
    status(): unknown {
      return body;
    }
  }
  @Module({ controllers: [StatusController] })
  class BareModule {}
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

async function main(): Promise<void> {
  const redis = await startRedis();
  process.env.TEST_REDIS_URL = redis.url;
  // Log lines are written as in production (JSON to a stream), then dropped.
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const stack = await startStack({
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      RATE_LIMITS: JSON.stringify({ default: { limit: 1_000_000_000, windowSeconds: 60 } }),
      ...(process.env.BENCH_GATEWAY_ENV
        ? (JSON.parse(process.env.BENCH_GATEWAY_ENV) as Record<string, string>)
        : {}),
    },
    logDestination: sink,
  });
  try {
    const { accessToken } = await stack.login();
    const headers = { authorization: `Bearer ${accessToken}` };
    const app = stack.gateway.app;
    const linked = await app.inject({
      method: 'PUT',
      url: '/v1/me/links/thinq',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' }),
    });
    if (linked.statusCode !== 200) throw new Error(`link: ${linked.statusCode} ${linked.body}`);
    const statusUrl = `/v1/appliances/${THINQ_DEVICE_IDS.airConditioner}/status`;
    const status = await app.inject({ method: 'GET', url: statusUrl, headers });
    const anchor = await bare(status.json());
    const rows: Record<string, { cpuUs: number[]; wallUs: number[] }> = {};
    const record = (name: string, result: { cpuUs: number; wallUs: number }) => {
      rows[name] ??= { cpuUs: [], wallUs: [] };
      rows[name].cpuUs.push(result.cpuUs);
      rows[name].wallUs.push(result.wallUs);
    };
    const inject = (target: NestFastifyApplication): Inject => target.inject.bind<Inject>(target);
    for (let round = 0; round < ROUNDS; round++) {
      if (ROUTES.includes('bare'))
        record('bare Nest route', await drive(inject(anchor), '/status', {}, REQUESTS));
      if (ROUTES.includes('status'))
        record('GET status (warm)', await drive(inject(app), statusUrl, headers, REQUESTS));
      if (ROUTES.includes('links'))
        record('GET /v1/me/links', await drive(inject(app), '/v1/me/links', headers, REQUESTS));
      if (ROUTES.includes('me'))
        record('GET /v1/me', await drive(inject(app), '/v1/me', headers, REQUESTS / 4));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
    const base = rows['bare Nest route'] ? median(rows['bare Nest route'].cpuUs) : NaN;
    process.stdout.write(
      `\n${REQUESTS} requests per row, ${CONCURRENCY} at a time, ${ROUNDS} rounds (median; all rounds)\n`,
    );
    for (const [name, row] of Object.entries(rows)) {
      const cpu = median(row.cpuUs);
      process.stdout.write(
        `${name.padEnd(20)} CPU ${cpu.toFixed(1).padStart(6)} µs/req (${row.cpuUs.map((v) => v.toFixed(0)).join(', ')})` +
          `  wall ${median(row.wallUs).toFixed(1).padStart(6)} µs/req  ${(base / cpu).toFixed(2)} x the bare route's rate\n`,
      );
    }
    await anchor.close();
  } finally {
    await stack.close();
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
