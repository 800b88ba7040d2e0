import { liveHeapOf } from '../soak';
import { STREAMS_POLL_MS, streamsScenario } from '../streams';
import { join } from 'node:path';
import { ROOT, fmt, rssMb, startGateway, stopWorkers, BenchContext } from '../harness';

/** Row s: server-sent appliance events per process and fan-out latency (bench/streams.ts). */
export async function streamsRow(ctx: BenchContext): Promise<void> {
  const { dir, redis, upstreams, want, verdict, rows, log } = ctx;
  if (want('s')) {
    log(
      's: server-sent appliance events: streams per process under 200 MB, fan-out to 1,000 clients',
    );
    const result = await streamsScenario({
      thinq: upstreams.thinq,
      start: (extra, name) =>
        startGateway(redis, upstreams, dir, extra, name, [
          '--expose-gc',
          '-r',
          join(ROOT, 'bench/gc-probe.js'),
        ]),
      stop: (started) => stopWorkers(started),
      rssMb: (pid) => rssMb(pid, 'VmRSS'),
      liveHeapMb: async (started) =>
        (await liveHeapOf(started.pid, started.logFile, 0))?.liveHeapMb,
      log,
    });
    const { memory, fanout } = result;
    rows.push({
      id: 's.1',
      what: 'open event streams (every appliance each), RSS < 200 MB',
      rssMb: memory.rssMb,
      note:
        `${memory.streams} streams at ${fmt(memory.rssMb, 0)} MB (idle ${fmt(memory.baselineRssMb, 0)} MB, ` +
        `${fmt(memory.kbPerStream, 1)} KB RSS per stream, of which live heap ${fmt(memory.heapKbPerStream, 1)} KB); stopped by ${memory.stoppedBy}; ` +
        `samples ${memory.samples.map((x) => `${x.streams}:${fmt(x.rssMb, 0)}`).join(' ')}`,
    });
    rows.push({
      id: 's.2',
      what: `fan-out: a change at the simulator -> ${fanout.clients} streams of one device`,
      p50Ms: fanout.fromChange.p50,
      p99Ms: fanout.fromChange.p99,
      note:
        `${fanout.rounds} rounds, poll every ${STREAMS_POLL_MS} ms (included above); max ${fmt(fanout.fromChange.max, 0)} ms; ` +
        `first to last client p50 ${fmt(fanout.spread.p50, 1)} ms, p99 ${fmt(fanout.spread.p99, 1)} ms, max ${fmt(fanout.spread.max, 1)} ms; ` +
        `missed ${fanout.missed}`,
    });
    verdict(
      's.1',
      'open streams per process, RSS < 200 MB',
      `${memory.streams}`,
      memory.streams > 0,
    );
    verdict(
      's.2',
      'change -> last of 1,000 clients < poll + 1 s',
      `${fmt(fanout.fromChange.max, 0)} ms`,
      fanout.missed === 0 && fanout.fromChange.max < STREAMS_POLL_MS + 1000,
    );
  }
}
