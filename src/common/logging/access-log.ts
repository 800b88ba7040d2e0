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

/** Lines of one event-loop turn are written together, or as soon as they reach this many characters. */
export const ACCESS_BATCH_CHARS = 4096;

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
 *
 * With `batch` (the process's standard output), the lines of one event-loop turn go to the
 * destination in one write (at most ACCESS_BATCH_CHARS each), at the end of the turn: sonic-boom
 * measures its whole pending buffer on every write it is given (`Buffer.byteLength`), which cost
 * about 2 µs per line written one by one, and 0.2 µs in 4 KiB writes (bench/README.md).
 */
export class AccessLog {
  private readonly enabled: boolean;
  private readonly bindings: string;
  private pending = '';
  private scheduled = false;
  private readonly flushTurn = () => {
    this.scheduled = false;
    this.flush();
  };

  constructor(
    level: string,
    private readonly destination: DestinationStream,
    private readonly batch = false,
  ) {
    const threshold = pino.levels.values[level] ?? Number.POSITIVE_INFINITY;
    this.enabled = threshold <= pino.levels.values.info;
    this.bindings = cluster.isWorker ? `,"worker":${JSON.stringify(cluster.worker?.id)}` : '';
  }

  write(entry: AccessEntry): void {
    if (!this.enabled) return;
    const line = `{"level":"info","time":"${new Date().toISOString()}"${this.bindings},"requestId":${JSON.stringify(entry.requestId)},"method":${JSON.stringify(entry.method)},"route":${entry.routeJson},"status":${entry.status},"durationMs":${entry.durationMs},"msg":"request"}\n`;
    if (!this.batch) {
      this.destination.write(line);
      return;
    }
    this.pending += line;
    if (this.pending.length >= ACCESS_BATCH_CHARS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushTurn);
    }
  }

  /** Writes the lines held back (the end of the turn does it by itself). */
  flush(): void {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.destination.write(text);
  }
}
