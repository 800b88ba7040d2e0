import cluster from 'node:cluster';
import { AppConfig } from './config/app-config';
import { loadConfig } from './config/config.loader';
import { ConfigError } from './config/parse';

/** A configuration problem ends the process with its one line (no stack trace); others rethrow. */
function refuse(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    // eslint-disable-next-line no-restricted-properties -- the one place the environment is handed to the config loader
    config = loadConfig(process.env);
  } catch (error) {
    refuse(error);
  }
  if (config.workers > 1 && cluster.isPrimary) {
    // The primary only forks and supervises: it does not load Nest.
    const [{ runPrimary }, { createLogger }] = await Promise.all([
      import('./cluster/primary'),
      import('./common/logging/logger'),
    ]);
    runPrimary({
      workers: config.workers,
      shutdownTimeoutMs: config.shutdown.timeoutMs,
      logger: createLogger(config.logLevel),
    });
    return;
  }
  const { createApp } = await import('./app.factory');
  // loadConfig checks every value it can; should a later check still refuse one, the same one line.
  const app = await createApp({ config }).catch(refuse);
  // A worker stops on the SIGTERM its primary sends. Ctrl-C in a terminal reaches the whole process
  // group, so a worker ignores SIGINT: the primary turns it into that one SIGTERM.
  const signals = cluster.isWorker ? (['SIGTERM'] as const) : (['SIGTERM', 'SIGINT'] as const);
  if (cluster.isWorker) process.on('SIGINT', () => undefined);
  app.enableShutdownHooks([...signals]);
  // If draining and closing take longer than SHUTDOWN_TIMEOUT_MS, stop anyway.
  for (const signal of signals) {
    process.once(signal, () =>
      setTimeout(() => process.exit(1), config.shutdown.timeoutMs).unref(),
    );
  }
  await app.listen({ port: config.port, host: '0.0.0.0' });
  const log = app.getHttpAdapter().getInstance().log;
  if (config.sandbox.demoClientOmitted) log.info(config.sandbox.demoClientOmitted);
  log.info(
    { port: config.port, ...(cluster.isWorker ? { worker: cluster.worker?.id } : {}) },
    `Junction listening on http://localhost:${config.port} (Swagger UI at /docs)`,
  );
}

void main();
