/**
 * The three upstream simulators as their own process, for the benchmark (bench/run.ts starts it).
 * Differences from `npm run sandbox`, all so that a load test measures throughput rather than the
 * simulators' bookkeeping: ThinQ's hourly per-token quota is lifted (and its bookkeeping off), and the per-call records the
 * fault injector keeps (method, headers, body of every call) are folded into plain counters every
 * 500 ms, readable at `GET /__bench/counts` on each simulator.
 *
 * The ThinQ simulator's MQTT broker runs too (push); its CA is written to a file for the gateways'
 * THINQ_MQTT_CA_FILE, as `npm run sandbox` does.
 *
 * Prints one line of JSON: {"nueyne": ..., "thinq": ..., "interwater": ..., "thinqCaFile": ...}.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterwaterSimulator } from '../src/sandbox/interwater/interwater-simulator';
import { createNueyneSimulator } from '../src/sandbox/nueyne/nueyne.simulator';
import { listenSimulator, RunningSimulator, Simulator } from '../src/sandbox/simulator';
import { createThinqSimulator } from '../src/sandbox/thinq/thinq-simulator';

function withCounters(simulator: Simulator): Simulator {
  const totals: Record<string, number> = {};
  const fold = () => {
    for (const [route, count] of Object.entries(simulator.faults.counts())) {
      totals[route] = (totals[route] ?? 0) + count;
    }
    simulator.faults.resetCalls();
  };
  setInterval(fold, 500).unref();
  simulator.app.get('/__bench/counts', () => {
    fold();
    return totals;
  });
  return simulator;
}

async function main(): Promise<void> {
  const thinq = createThinqSimulator({
    serviceId: 'junction-sandbox',
    serviceKey: 'sandbox-service-key',
    hourlyQuota: Number.POSITIVE_INFINITY,
  });
  // The simulated quota keeps every call of the last hour in arrays it filters on each call, so a
  // load test would mostly measure that bookkeeping (and slow down as it runs): switch it off.
  (thinq.state as unknown as { consumeQuota: () => void }).consumeQuota = () => undefined;
  const simulators = [
    withCounters(createNueyneSimulator({ accessTokenTtlSeconds: 3600 })),
    withCounters(thinq),
    withCounters(
      createInterwaterSimulator({
        accessKey: 'sandbox-access-key',
        secretKey: 'sandbox-secret-key',
        maxTtlSeconds: 3600,
      }),
    ),
  ];
  const running: RunningSimulator[] = [];
  for (const simulator of simulators) running.push(await listenSimulator(simulator));
  const thinqCaFile = join(tmpdir(), `junction-bench-thinq-ca-${process.pid}.pem`);
  writeFileSync(thinqCaFile, await thinq.caPem());
  const urls = Object.fromEntries(running.map((r) => [r.simulator.name, r.url]));
  process.stdout.write(`${JSON.stringify({ ...urls, thinqCaFile })}\n`);
  const stop = () =>
    void Promise.allSettled(running.map((r) => r.close())).then(() => {
      rmSync(thinqCaFile, { force: true });
      process.exit(0);
    });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
