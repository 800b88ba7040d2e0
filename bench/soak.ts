/**
 * The soak scenario of `npm run bench` (bench/run.ts, row `soak`): its memory sampling and verdict.
 * A gateway of its own runs mixed load for BENCH_SOAK_SECONDS; every BENCH_SOAK_SAMPLE_SECONDS the
 * bench reads its RSS (/proc) and V8 heap used (/metrics), and every BENCH_SOAK_GC_SECONDS the live
 * heap after a full collection (bench/gc-probe.js, preloaded with --expose-gc). "Flat" means: the
 * median RSS of the last third of the run is within BENCH_SOAK_FLAT_PERCENT (default 5 %) of the
 * median of the middle third; the first third is warm-up (V8 and glibc grow their pools to the
 * working set there, and keep them: that is not a leak).
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

export interface MemorySample {
  /** Seconds since the load started. */
  t: number;
  rssMb: number;
  heapUsedMb?: number;
}

export interface LiveHeapSample {
  t: number;
  /** heapUsed right after a full GC: the live set. */
  liveHeapMb: number;
  rssMb: number;
  externalMb: number;
}

export interface FlatVerdict {
  flat: boolean;
  middleMb: number;
  lastMb: number;
  changePercent: number;
  limitPercent: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Is `values` (in time order) flat after its first third? */
export function flatAfterWarmup(values: number[], limitPercent: number): FlatVerdict | undefined {
  if (values.length < 6) return undefined;
  const third = Math.floor(values.length / 3);
  const middleMb = median(values.slice(third, 2 * third));
  const lastMb = median(values.slice(2 * third));
  const changePercent = ((lastMb - middleMb) / middleMb) * 100;
  return { flat: changePercent <= limitPercent, middleMb, lastMb, changePercent, limitPercent };
}

export function rssMbOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The gateway's V8 heap used, from prom-client's default metrics. */
export async function heapUsedMbOf(baseUrl: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const bytes = Number(/^junction_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(text)?.[1]);
    return Number.isFinite(bytes) ? bytes / 2 ** 20 : undefined;
  } catch {
    return undefined;
  }
}

/** The text of `file` from byte `offset` to its end. */
export function readFrom(file: string, offset: number): string {
  const fd = openSync(file, 'r');
  try {
    const length = Math.max(0, statSync(file).size - offset);
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, offset);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Asks the gateway (started with `--expose-gc -r bench/gc-probe.js`) for a full GC and reads the
 * memory it then reports on its log.
 */
export async function liveHeapOf(
  pid: number,
  logFile: string,
  t: number,
): Promise<LiveHeapSample | undefined> {
  // Only what the log gained since the signal is read: a long soak's access lines pass the
  // longest string V8 can hold (512 MiB) long before it ends.
  const before = statSync(logFile).size;
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 50; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = readFrom(logFile, before).split('\n');
    const line = lines.find((l) => l.startsWith('{"gcProbe"'));
    if (line) {
      const m = (JSON.parse(line) as { gcProbe: NodeJS.MemoryUsage }).gcProbe;
      return {
        t,
        liveHeapMb: m.heapUsed / 2 ** 20,
        rssMb: m.rss / 2 ** 20,
        externalMb: m.external / 2 ** 20,
      };
    }
  }
  return undefined;
}

const mb = (value: number | undefined) => (value === undefined ? '' : value.toFixed(0));

/** The samples as a small table, every `every`-th row (and the last). */
export function seriesTable(
  samples: MemorySample[],
  live: LiveHeapSample[],
  every: number,
): string {
  const rows = samples.filter((_, i) => i % every === 0 || i === samples.length - 1);
  const lines = [
    '| t s | RSS MB | heap used MB | live heap after GC MB |',
    '| --- | --- | --- | --- |',
  ];
  for (const sample of rows) {
    const gc = live.filter((l) => l.t <= sample.t).at(-1);
    const gcCell = gc && sample.t - gc.t < every * 10 ? `${mb(gc.liveHeapMb)} (t=${gc.t})` : '';
    lines.push(`| ${sample.t} | ${mb(sample.rssMb)} | ${mb(sample.heapUsedMb)} | ${gcCell} |`);
  }
  return lines.join('\n');
}

export function verdictLine(what: string, verdict: FlatVerdict | undefined): string {
  if (!verdict) return `${what}: too few samples for a verdict`;
  const sign = verdict.changePercent >= 0 ? '+' : '';
  return (
    `${what} flat after warm-up: ${verdict.flat ? 'yes' : 'NO'} (median of the last third ` +
    `${verdict.lastMb.toFixed(1)} MB vs middle third ${verdict.middleMb.toFixed(1)} MB, ` +
    `${sign}${verdict.changePercent.toFixed(1)} %, limit +${verdict.limitPercent} %)`
  );
}
