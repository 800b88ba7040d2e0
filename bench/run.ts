/**
 * `npm run bench`: the built gateway (dist/main.js, NODE_ENV=production) on the simulators
 * (bench/upstreams.ts, its own process) and a real redis-server, driven by wrk (or autocannon when
 * wrk is missing), every scenario beside its baseline in the same run. See bench/README.md.
 *
 * Environment (all optional): BENCH_DURATION (seconds per scenario, default 10), BENCH_WARMUP
 * (seconds, default 2), BENCH_CONNECTIONS (default 50), BENCH_COLD_CONNECTIONS (default 200),
 * BENCH_COLD_LATENCY_MS (ThinQ latency during the cold run, default 100), BENCH_THREADS (wrk
 * threads, default 1), BENCH_TOOL (wrk | autocannon), BENCH_ONLY (comma list of scenario ids),
 * BENCH_GATEWAY_ENV (JSON merged into the gateway's environment), BENCH_NODE_ARGS (node flags of
 * the gateway, e.g. `--cpu-prof`), BENCH_JSON (file for the results), BENCH_HOLD=1 (start
 * everything, print the URLs and a token, and wait for Ctrl-C: for profiling by hand),
 * BENCH_GATEWAY_MAIN (another build's main.js, for before/after comparisons), BENCH_LATENCY_CONNECTIONS
 * (connections of the e and f light-load rows, default 1), BENCH_HOME_LATENCY_MS (vendor latency the
 * simulators add during the f.1 rows, default 20), BENCH_QUOTA_DURATION (seconds of scenario q,
 * default 60), BENCH_QUOTA_CONNECTIONS (default 100), BENCH_QUOTA_BUDGET and BENCH_QUOTA_RESERVE
 * (THINQ_HOURLY_CALL_BUDGET and THINQ_COMMAND_RESERVE of q's gateway, default 40 and 4). The soak row
 * (bench/soak.ts): BENCH_SOAK_SECONDS
 * (default 600), BENCH_SOAK_CONNECTIONS (default 100), BENCH_SOAK_SAMPLE_SECONDS (default 5),
 * BENCH_SOAK_GC_SECONDS (default 60), BENCH_SOAK_IDLE_SECONDS (default 60), BENCH_SOAK_FLAT_PERCENT
 * (default 5), BENCH_SOAK_SIGNINS_PER_SECOND (default 1). Scenario s (server-sent appliance events,
 * bench/streams.ts): BENCH_STREAMS_MAX (default 15000), BENCH_STREAMS_RSS_MB (default 200),
 * BENCH_STREAMS_BATCH (default 500), BENCH_STREAMS_PER_SESSION (default 50), BENCH_STREAMS_FANOUT
 * (default 1000), BENCH_STREAMS_ROUNDS (default 5), BENCH_STREAMS_POLL_MS (default 1000).
 */
import { writeFileSync } from 'node:fs';
import { THREADS, TOOL, env, fmt, rssMb, shutdown, startBench, table } from './harness';
import { anchorRows } from './scenarios/anchors';
import { homeRows } from './scenarios/home';
import { passThroughRows } from './scenarios/pass-through';
import { quotaRow } from './scenarios/quota';
import { readRows } from './scenarios/reads';
import { soakRow } from './scenarios/soak';
import { statusRows } from './scenarios/status';
import { streamsRow } from './scenarios/streams';

async function main(): Promise<void> {
  const ctx = await startBench();
  const { rows, verdicts, verdict, gateway, soakReport } = ctx;
  for (const scenario of [
    anchorRows,
    statusRows,
    passThroughRows,
    readRows,
    homeRows,
    quotaRow,
    soakRow,
    streamsRow,
  ])
    await scenario(ctx);
  const peak = rssMb(gateway.pid, 'VmHWM');
  if (peak !== undefined)
    verdict('RSS', 'gateway peak RSS (VmHWM) < 200 MB', `${fmt(peak, 0)} MB`, peak < 200);
  const lagWorst = Math.max(...rows.map((r) => r.lagMaxMs ?? 0));
  const output = [
    '',
    table(rows),
    '',
    'targets:',
    ...verdicts.map(
      (v) =>
        `  ${v.id.padEnd(4)} ${v.target.padEnd(48)} ${v.result.padEnd(22)} ${v.met ? 'met' : 'NOT met'}`,
    ),
    '',
    `worst event-loop delay in a run: ${lagWorst.toFixed(1)} ms; ` +
      `tool ${TOOL}, ${THREADS} thread(s); node ${process.version}; ${rows.length} rows`,
    ...soakReport,
    '',
  ].join('\n');
  process.stdout.write(output);
  if (env.BENCH_JSON)
    writeFileSync(
      env.BENCH_JSON,
      JSON.stringify({ rows, verdicts, peakRssMb: peak, soakReport }, null, 2),
    );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void shutdown().then(() => process.exit(130)));
}
// A sampler or a load running beside the awaited one fails on its own: stop everything anyway.
process.once('unhandledRejection', (error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  void shutdown().then(() => process.exit(1));
});
main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => void shutdown());
