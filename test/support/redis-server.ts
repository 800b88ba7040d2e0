import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisProcess {
  port: number;
  url: string;
  /** Sends a signal (SIGSTOP: Redis hangs; SIGKILL: it dies without saving). */
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited (after stop() or a fatal signal). */
  exited(): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function ping(port: number): boolean {
  const result = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
  return result.stdout.trim() === 'PONG';
}

/**
 * Starts a real redis-server on a free loopback port. No redis-server: throws (never skips).
 * `dataDir` keeps its files there (and leaves them on stop), so a restart can read them back.
 */
export async function startRedis(
  extraArgs: string[] = [],
  port?: number,
  dataDir?: string,
): Promise<RedisProcess> {
  const which = spawnSync('sh', ['-c', 'command -v redis-server']);
  if (which.status !== 0) {
    throw new Error(
      'redis-server is not installed: run `npm test` (it installs the Debian package) or apt-get install redis-server',
    );
  }
  const chosen = port ?? (await freePort());
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'junction-redis-'));
  const removeDir = () => {
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
  };
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(chosen),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      ...extraArgs,
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 10000;
  while (!ping(chosen)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`redis-server did not start on port ${chosen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const exited = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    kill: (signal) => {
      child.kill(signal);
    },
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGTERM');
      }
      await exited();
      removeDir();
    },
  };
}
