/**
 * What the HTTP-semantics hooks cost one request: a bare Fastify server answering a ThinQ-sized
 * status (about 330 bytes of JSON, under the 1 KiB compression threshold), with @fastify/compress
 * and/or the ETag hook as the gateway registers them, driven by autocannon with a browser's
 * `accept-encoding`. Prints the server's CPU per request (robust to a noisy machine) and req/s, each
 * against the bare server in the same run.
 *
 *   npx ts-node --transpile-only bench/http-hooks.ts        (BENCH_DURATION seconds, default 6, 3 rounds)
 */
import compress from '@fastify/compress';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import Fastify from 'fastify';
import { registerETags } from '../src/common/http/etag';

const STATUS = {
  airConJobMode: { currentJobMode: 'COOL' },
  operation: { airConOperationMode: 'POWER_ON' },
  temperature: { currentTemperature: 26, targetTemperature: 22.5, unit: 'C' },
  airFlow: { windStrength: 'HIGH' },
  powerSave: { powerSaveEnabled: false },
  airQualitySensor: { PM1: 12, PM2: 14, PM10: 18, humidity: 40, odor: 'WEAK' },
  timer: { relativeHourToStart: 0, relativeMinuteToStart: 0 },
};

const VARIANTS: Record<string, string> = {
  plain: 'bare Fastify',
  compress: '+ @fastify/compress (answer under its threshold)',
  'etag-stored': '+ ETag hook, tag already set (a cached read)',
  'etag-hash': '+ ETag hook hashing the answer (an uncached read)',
  'etag-hash+compress': '+ both (an uncached read, compressible route)',
};

/** Child process: one server of one variant; GET /mark answers CPU µs per request since the last mark. */
async function serve(variant: string, port: number): Promise<void> {
  const app = Fastify();
  if (variant.startsWith('etag')) registerETags(app, new Set());
  if (variant.includes('compress'))
    await app.register(compress, {
      encodings: ['br', 'gzip'],
      threshold: 1024,
      globalDecompression: false,
    });
  let count = 0;
  let cpu = process.cpuUsage();
  app.get('/status', (_request, reply) => {
    count++;
    if (variant === 'etag-stored') void reply.header('etag', 'W/"stored"');
    return STATUS;
  });
  app.get('/mark', () => {
    const used = process.cpuUsage(cpu);
    const result = { requests: count, cpuUs: (used.user + used.system) / Math.max(1, count) };
    count = 0;
    cpu = process.cpuUsage();
    return result;
  });
  await app.listen({ port, host: '127.0.0.1' });
  process.stdout.write('ready\n');
}

async function measure(variant: string, port: number, duration: number) {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', __filename, '--serve', variant, String(port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const url = `http://127.0.0.1:${port}/status`;
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  try {
    await autocannon({ url, connections: 20, duration: 1, headers });
    await fetch(`http://127.0.0.1:${port}/mark`).then((r) => r.json());
    const run = await autocannon({ url, connections: 20, duration, headers });
    const mark = (await fetch(`http://127.0.0.1:${port}/mark`).then((r) => r.json())) as {
      cpuUs: number;
    };
    return { rps: run.requests.total / duration, cpuUs: mark.cpuUs };
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--serve') return serve(process.argv[3], Number(process.argv[4]));
  const duration = Number(process.env.BENCH_DURATION ?? 6);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const samples: Record<string, { rps: number; cpuUs: number }[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const variant of Object.keys(VARIANTS)) {
      (samples[variant] ??= []).push(await measure(variant, 4700 + round, duration));
    }
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const base = {
    cpu: median(samples.plain.map((s) => s.cpuUs)),
    rps: median(samples.plain.map((s) => s.rps)),
  };
  console.log(
    `| variant | CPU µs/request | +µs vs bare | req/s | vs bare |  (median of ${rounds} rounds of ${duration} s)`,
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const [variant, label] of Object.entries(VARIANTS)) {
    const cpu = median(samples[variant].map((s) => s.cpuUs));
    const rps = median(samples[variant].map((s) => s.rps));
    console.log(
      `| ${label} | ${cpu.toFixed(1)} | ${(cpu - base.cpu).toFixed(1)} | ${Math.round(rps)} | ${(rps / base.rps).toFixed(2)} |`,
    );
  }
}

void main();
