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

/** Lines held back are written together once they reach this many characters... */
export const ACCESS_BATCH_CHARS = 4096;
/** ...or this long after the first of them (the timer keeps no process alive; close flushes). */
export const ACCESS_FLUSH_MS = 20;

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
 * With `batch` (the process's standard output), lines go to the destination together, in one
 * write of ACCESS_BATCH_CHARS, or of what ACCESS_FLUSH_MS gathered: sonic-boom measures its whole
 * pending buffer on every write it is given (`Buffer.byteLength`), about 2 µs per line written one
 * by one and 0.2 µs in 4 KiB writes, and each write it starts is an `fs.write` through libuv's
 * thread pool. Flushing at the end of each event-loop turn still cost a pass-through about 5 % of
 * its CPU, a turn holding only a few lines there (bench/README.md, fifth round).
 */
export class AccessLog {
  private readonly enabled: boolean;
  private readonly bindings: string;
  private pending = '';
  private scheduled = false;
  private readonly flushTurn = (): void => {
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
      setTimeout(this.flushTurn, ACCESS_FLUSH_MS).unref();
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
