import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenSimulator, type RunningSimulator } from '../../src/sandbox/simulator';
import type { ExternalBrokerOptions } from '../../src/sandbox/thinq/push-broker';
import { SandboxCa } from '../../src/sandbox/thinq/sandbox-ca';
import {
  createThinqSimulator,
  type ThinqSimulator,
  type ThinqSimulatorOptions,
} from '../../src/sandbox/thinq/thinq-simulator';
import { freePort } from './redis-server';

/** The certificate identity (CN, and so the mosquitto user) the simulator publishes as. */
export const PUBLISHER_IDENTITY = 'thinq-sandbox-publisher';

export interface MosquittoProcess {
  port: number;
  /** `mqtts://127.0.0.1:<port>`. */
  url: string;
  /** The per-run test CA: it signed the broker's certificate and signs the clients'. */
  ca: SandboxCa;
  /** Sends a signal (SIGSTOP: the broker hangs; SIGKILL: it dies). */
  kill(signal: NodeJS.Signals): void;
  /** Options that make a ThinQ simulator publish here, with a certificate of its own. */
  publisher(): Promise<ExternalBrokerOptions>;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * ThinQ's broker policy as mosquitto ACLs: with `use_identity_as_username` a client's user is
 * its certificate's CN (the client id the simulator signed it for), which may read only its own
 * topic; the simulator's identity may publish to every client's.
 */
function aclFile(): string {
  return [
    `user ${PUBLISHER_IDENTITY}`,
    'topic write app/clients/+/push',
    '',
    'pattern read app/clients/%u/push',
    '',
  ].join('\n');
}

/**
 * Starts Debian's mosquitto on a free loopback port: one TLS listener that requires a client
 * certificate from a per-run test CA (made with @peculiar/x509), the certificate's CN as the
 * user name, the ACL above, and persistence in a temp dir (queued QoS 1 messages for persistent
 * sessions). No mosquitto: throws (never skips).
 */
export async function startMosquitto(): Promise<MosquittoProcess> {
  const which = spawnSync('sh', ['-c', 'command -v mosquitto']);
  if (which.status !== 0) {
    throw new Error(
      'mosquitto is not installed: run `npm test` (it installs the Debian package) or apt-get install mosquitto',
    );
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'junction-mosquitto-'));
  const ca = await SandboxCa.create('Junction test MQTT CA');
  const server = await ca.issueServer(['127.0.0.1', 'localhost']);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const config = [
    // As root, mosquitto would switch to the `mosquitto` user, who cannot read the temp dir.
    ...(root ? ['user root'] : []),
    'per_listener_settings false',
    'allow_anonymous false',
    `listener ${port} 127.0.0.1`,
    `cafile ${file('ca.pem', ca.certPem)}`,
    `certfile ${file('server.pem', server.certPem)}`,
    `keyfile ${file('server.key', server.keyPem)}`,
    'require_certificate true',
    'use_identity_as_username true',
    'tls_version tlsv1.2',
    `acl_file ${file('acl', aclFile())}`,
    'persistence true',
    `persistence_location ${dir}/`,
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    '',
  ].join('\n');
  const child: ChildProcess = spawn('mosquitto', ['-c', file('mosquitto.conf', config)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`mosquitto did not start on port ${port}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const exited = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  const url = `mqtts://127.0.0.1:${port}`;
  return {
    port,
    url,
    ca,
    kill: (signal) => {
      child.kill(signal);
    },
    publisher: async () => {
      const identity = await ca.issueClientPair(PUBLISHER_IDENTITY);
      return { url, ca: ca.certPem, cert: identity.certPem, key: identity.keyPem };
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGTERM');
      }
      await exited();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A listening ThinQ simulator that signs client certificates with the broker's test CA and
 * publishes to the broker (its Route API answers the broker's address as `mqttServer`).
 */
export async function thinqSimulatorOn(
  broker: MosquittoProcess,
  options: ThinqSimulatorOptions = {},
): Promise<RunningSimulator & { simulator: ThinqSimulator }> {
  const simulator = createThinqSimulator({
    ...options,
    ca: broker.ca,
    externalBroker: await broker.publisher(),
  });
  const running = await listenSimulator(simulator);
  return { ...running, simulator };
}
