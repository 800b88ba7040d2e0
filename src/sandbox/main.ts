import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, loadSandboxPorts } from '../config/config.loader';
import { listenSimulator, UpstreamName } from './simulator';
import { createSimulator } from './simulators';
import { ThinqSimulator } from './thinq/thinq-simulator';

/** Writes the ThinQ broker's CA where a gateway's THINQ_MQTT_CA_FILE can point. */
async function writeThinqCa(simulator: ThinqSimulator): Promise<string> {
  const dir = join(tmpdir(), 'junction-sandbox');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `thinq-mqtt-ca-${process.pid}.pem`);
  writeFileSync(path, await simulator.caPem());
  return path;
}

/** `npm run sandbox`: the three simulators as a standalone program, for frontends and testers. */
async function main(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- entry point: hands the environment to the loaders
  const env = process.env;
  const config = loadConfig(env);
  const ports = loadSandboxPorts(env);
  const host = ports.host;
  const lines: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  for (const name of ['nueyne', 'thinq', 'interwater'] as UpstreamName[]) {
    const running = await listenSimulator(createSimulator(name, config), ports[name], host);
    closers.push(() => running.close());
    lines.push(`${name.toUpperCase()}_BASE_URL=${running.url}`);
    if (running.simulator instanceof ThinqSimulator) {
      const caFile = await writeThinqCa(running.simulator);
      closers.push(() => Promise.resolve(rmSync(caFile, { force: true })));
      lines.push(`THINQ_MQTT_CA_FILE=${caFile}`);
    }
  }
  process.stdout.write(`Junction sandbox upstreams are running:\n${lines.join('\n')}\n`);
  process.stdout.write(
    'Fault knobs: /__sandbox/faults and /__sandbox/calls on each (see docs/sandbox.md).\n' +
      'SMS codes and mails Nueyne "sent": GET /__sandbox/outbox?to=<phone or e-mail> on Nueyne.\n' +
      'ThinQ push: the broker is in GET /v2/route (mqttServer); knobs under /__sandbox/push on ThinQ.\n',
  );
  const stop = () =>
    void Promise.allSettled(closers.map((close) => close())).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
