import { liveHeapOf } from '../soak';
import { CALLS_POLL_MS, pushCallsScenario } from '../push-calls';
import { STREAMS_POLL_MS, StreamsContext, streamsScenario } from '../streams';
import { join } from 'node:path';
import { ROOT, fmt, rssMb, startGateway, stopWorkers, BenchContext } from '../harness';

/**
 * Rows s.1-s.3: server-sent appliance events per process, fan-out latency with ThinQ push and
 * without (bench/streams.ts), ThinQ calls per watched device-hour (bench/push-calls.ts).
 * BENCH_ONLY=s runs them all; s.1, s.2 (push and polling) and s.3 each alone.
 */
export async function streamsRow(ctx: BenchContext): Promise<void> {
  const { dir, redis, upstreams, want, verdict, rows, log } = ctx;
  const memory = want('s') || want('s.1');
  const fanout = want('s') || want('s.2');
  const calls = want('s') || want('s.3');
  const context: StreamsContext = {
    thinq: upstreams.thinq,
    start: (extra, name) =>
      startGateway(redis, upstreams, dir, extra, name, [
        '--expose-gc',
        '-r',
        join(ROOT, 'bench/gc-probe.js'),
      ]),
    stop: (started) => stopWorkers(started),
    rssMb: (pid) => rssMb(pid, 'VmRSS'),
    liveHeapMb: async (started) => (await liveHeapOf(started.pid, started.logFile, 0))?.liveHeapMb,
    log,
  };
  if (memory || fanout) {
    log('s: server-sent appliance events: streams per process under 200 MB, fan-out to 1,000');
    const result = await streamsScenario(context, { memory, fanout });
    const m = result.memory;
    if (m) {
      rows.push({
        id: 's.1',
        what: 'open event streams (every appliance each), RSS < 200 MB',
        rssMb: m.rssMb,
        note:
          `${m.streams} streams at ${fmt(m.rssMb, 0)} MB (idle ${fmt(m.baselineRssMb, 0)} MB, ` +
          `${fmt(m.kbPerStream, 1)} KB RSS per stream, of which live heap ${fmt(m.heapKbPerStream, 1)} KB); stopped by ${m.stoppedBy}; ` +
          `samples ${m.samples.map((x) => `${x.streams}:${fmt(x.rssMb, 0)}`).join(' ')}`,
      });
      verdict('s.1', 'open streams per process, RSS < 200 MB', `${m.streams}`, m.streams > 0);
    }
    for (const f of result.fanout) {
      const id = f.push ? 's.2' : 's.2p';
      rows.push({
        id,
        what: `fan-out: a change at the simulator -> ${f.clients} streams, ${f.push ? 'push' : 'THINQ_PUSH=off'}`,
        p50Ms: f.toLast.p50,
        p99Ms: f.toLast.p99,
        note:
          `change -> last of ${f.clients} per round (${f.rounds} rounds), ${f.push ? 'pushed' : `poll every ${STREAMS_POLL_MS} ms (included)`}; ` +
          `max ${fmt(f.toLast.max, 1)} ms; every delivery p50 ${fmt(f.fromChange.p50, 1)} ms; ` +
          `first to last client p50 ${fmt(f.spread.p50, 1)} ms, p99 ${fmt(f.spread.p99, 1)} ms; ` +
          `missed ${f.missed}; ThinQ status reads during the rounds ${f.statusReads}`,
      });
    }
    const pushed = result.fanout.find((f) => f.push);
    if (pushed) {
      verdict(
        's.2',
        'push: change -> last of 1,000 streams < 1 s, no status read',
        `${fmt(pushed.toLast.max, 0)} ms, ${pushed.statusReads} reads`,
        pushed.missed === 0 && pushed.toLast.max < 1000 && pushed.statusReads === 0,
      );
    }
    const polled = result.fanout.find((f) => !f.push);
    if (polled) {
      verdict(
        's.2p',
        'polling: change -> last of 1,000 clients < poll + 1 s',
        `${fmt(polled.toLast.max, 0)} ms`,
        polled.missed === 0 && polled.toLast.max < STREAMS_POLL_MS + 1000,
      );
    }
  }
  if (calls) {
    log('s.3: ThinQ calls per watched device-hour, push against polling');
    const { push, poll } = await pushCallsScenario(context);
    const ratio = poll.readsPerDeviceHour / push.readsPerDeviceHour;
    rows.push({
      id: 's.3',
      what: `ThinQ status reads per watched device-hour, push vs poll`,
      note:
        `${push.devices} devices, ${push.windowSeconds} s window, poll every ${CALLS_POLL_MS} ms: ` +
        `push ${push.windowReads} reads (${fmt(push.readsPerDeviceHour, 0)}/device-hour with the 10-min safety read), ` +
        `poll ${poll.windowReads} (${fmt(poll.readsPerDeviceHour, 0)}/device-hour); poll/push ${fmt(ratio, 0)} x; ` +
        `start: push ${push.setupCalls} ThinQ calls (${push.setupReads} reads), poll ${poll.setupCalls} (${poll.setupReads}); ` +
        `push live ${push.live}`,
    });
    verdict(
      's.3',
      'push: no status read in the window (push session live)',
      `${push.windowReads} reads`,
      push.live === true && push.windowReads === 0,
    );
  }
}
