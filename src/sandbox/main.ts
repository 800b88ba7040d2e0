import { loadConfig, loadSandboxPorts } from '../config/config.loader';
import { listenSimulator, UpstreamName } from './simulator';
import { createSimulator } from './simulators';

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
  }
  process.stdout.write(`Junction sandbox upstreams are running:\n${lines.join('\n')}\n`);
  process.stdout.write(
    'Fault knobs: /__sandbox/faults and /__sandbox/calls on each (see docs/sandbox.md).\n' +
      'SMS codes and mails Nueyne "sent": GET /__sandbox/outbox?to=<phone or e-mail> on Nueyne.\n',
  );
  const stop = () =>
    void Promise.allSettled(closers.map((close) => close())).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
