import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config.loader';

export interface TestGateway {
  app: NestFastifyApplication;
  /** Every log line the app wrote, as raw JSON text. */
  logs: string[];
  /** The Redis key prefix of this app (each test app has its own). */
  keyPrefix: string;
  close(): Promise<void>;
}

export interface GatewayOptions {
  env?: Record<string, string | undefined>;
  imports?: (Type | DynamicModule | ForwardReference)[];
  /** Where log lines go instead of `logs` (a benchmark drops them). */
  logDestination?: DestinationStream;
}

/** Boots the real app (Fastify, all modules) on the test redis-server with its own key prefix. */
export async function startGateway(options: GatewayOptions = {}): Promise<TestGateway> {
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl)
    throw new Error('TEST_REDIS_URL is unset: the e2e global setup did not start redis-server');
  const keyPrefix = options.env?.REDIS_KEY_PREFIX ?? `t${randomBytes(4).toString('hex')}:`;
  const config = loadConfig({
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const app = await createApp({
    config,
    logDestination: options.logDestination ?? destination,
    imports: options.imports,
  });
  return { app, logs, keyPrefix, close: () => app.close() };
}
