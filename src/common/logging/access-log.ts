import cluster from 'node:cluster';
import pino, { DestinationStream } from 'pino';

/** One access line's fields. */
export interface AccessEntry {
  requestId: string;
  method: string;
  /** The route template, JSON-encoded once per route (`"/v1/me"`). */
  routeJson: string;
  status: number;
  durationMs: number;
}

/**
 * The per-request access line (`"msg":"request"`), byte for byte the line pino writes for the same
 * object with the process's line format (`lineFormat` in logger.ts: level label, ISO time, the
 * worker id under GATEWAY_WORKERS), written to the same destination.
 *
 * Written by hand rather than through a pino logger: its fields are fixed and carry no secret (the
 * client's x-request-id is refused at the door when it looks like a credential), and pino's
 * per-call work (its level and bindings machinery, serialising each field of an object) was about
 * 4 µs of a warm read's CPU for a line whose shape never changes (bench/HISTORY.md). The route is
 * encoded once per route; the other strings are JSON-encoded here.
 */
export class AccessLog {
  private readonly enabled: boolean;
  private readonly bindings: string;

  constructor(
    level: string,
    private readonly destination: DestinationStream,
  ) {
    const threshold = pino.levels.values[level] ?? Number.POSITIVE_INFINITY;
    this.enabled = threshold <= pino.levels.values.info;
    this.bindings = cluster.isWorker ? `,"worker":${JSON.stringify(cluster.worker?.id)}` : '';
  }

  write(entry: AccessEntry): void {
    if (!this.enabled) return;
    this.destination.write(
      `{"level":"info","time":"${new Date().toISOString()}"${this.bindings},"requestId":${JSON.stringify(entry.requestId)},"method":${JSON.stringify(entry.method)},"route":${entry.routeJson},"status":${entry.status},"durationMs":${entry.durationMs},"msg":"request"}\n`,
    );
  }
}
