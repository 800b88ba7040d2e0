import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { registerCompression } from './common/http/compression';
import { createLogger, PinoNestLogger, stdoutDestination } from './common/logging/logger';
import { ProblemFilter } from './common/problem/problem.filter';
import { sendProblem } from './common/problem/send-problem';
import { createValidationPipe } from './common/problem/validation';
import { AppConfig } from './config/app-config';
import { registerBodies } from './http/bodies';
import { enableCors } from './http/cors';
import { JunctionFastifyAdapter } from './http/junction-fastify-adapter';
import { installRequestHooks } from './http/request-hooks';
import { serverOptions } from './http/server-options';
import { setupSwagger } from './openapi/openapi';

export interface CreateAppOptions {
  config: AppConfig;
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
  /** Extra modules (tests add probes). */
  imports?: (Type | DynamicModule | ForwardReference)[];
}

/** Builds the whole gateway (not listening yet): main.ts, tests and the OpenAPI script share it. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const destination = options.logDestination ?? stdoutDestination();
  const logger = createLogger(config.logLevel, destination);
  const adapter = new JunctionFastifyAdapter(serverOptions(config, logger), logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.imports),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      // The body parsers are ours (registerBodyParsers): they check a body's shape before parsing it.
      bodyParser: false,
    },
  );
  try {
    const fastify = app.getHttpAdapter().getInstance();
    registerBodies(fastify, config);
    installRequestHooks(app, adapter, config, destination, options.logDestination === undefined);
    fastify.setErrorHandler((error, request, reply) => sendProblem(request, reply, error, logger));
    app.useGlobalFilters(new ProblemFilter(logger));
    app.useGlobalPipes(createValidationPipe());
    await registerCompression(app);
    enableCors(app, config);
    setupSwagger(app);
    await app.init();
    await fastify.ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
