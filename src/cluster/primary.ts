import cluster, { Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { serveClusterMetrics } from './cluster-metrics';

export interface PrimaryOptions {
  workers: number;
  /** How long the workers get to drain and close after SIGTERM/SIGINT before they are killed. */
  shutdownTimeoutMs: number;
  logger: Logger;
}

/** A worker that dies this soon after starting counts towards a crash loop. */
const EARLY_EXIT_MS = 10_000;
const RESTART_DELAY_MS = 1000;

/**
 * The primary process of `GATEWAY_WORKERS > 1`: forks the workers (each a whole gateway; they share
 * the listening port through node:cluster and their state through Redis), replaces a worker that
 * dies, and on SIGTERM or SIGINT sends each worker SIGTERM, so every worker drains as one instance
 * would, then exits. If every worker keeps dying right after it starts (bad Redis address, say), the
 * primary gives up with exit code 1 rather than fork forever.
 */
export function runPrimary({ workers, shutdownTimeoutMs, logger }: PrimaryOptions): void {
  serveClusterMetrics();
  let stopping = false;
  let earlyExits = 0;
  const startedAt = new Map<Worker, number>();
  const fork = (): void => {
    if (stopping) return;
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    worker.once('listening', () =>
      logger.info({ worker: worker.id, pid: worker.process.pid }, 'worker listening'),
    );
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) {
        logger.info('all workers stopped');
        process.exit(0);
      }
      return;
    }
    earlyExits = lived < EARLY_EXIT_MS ? earlyExits + 1 : 0;
    if (earlyExits > workers * 2) {
      logger.fatal(
        { pid: worker.process.pid, code, signal },
        'workers keep dying at start; giving up',
      );
      process.exit(1);
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    setTimeout(fork, RESTART_DELAY_MS);
  });

  for (const name of ['SIGTERM', 'SIGINT'] as const) {
    process.on(name, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal: name, workers: startedAt.size }, 'stopping workers');
      for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
      if (startedAt.size === 0) process.exit(0);
      setTimeout(() => {
        logger.error('workers did not stop in time; killing them');
        for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
        process.exit(1);
      }, shutdownTimeoutMs + 1000).unref();
    });
  }

  for (let i = 0; i < workers; i++) fork();
  logger.info({ workers, pid: process.pid }, `Junction primary: ${workers} workers`);
}
