import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from './support/redis-server';

const ROOT = join(__dirname, '..');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real `src/main.ts` as a process, with this environment; resolves when it exits. */
async function start(env: Record<string, string>): Promise<Exit> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        REDIS_URL: process.env.TEST_REDIS_URL ?? '',
        PORT: String(await freePort()),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A gateway that started instead of refusing is stopped here, so the test fails, not hangs.
  const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const pem = (curve: string) =>
  generateKeyPairSync('ec', { namedCurve: curve })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

/**
 * A bad key stops the start before Nest or Redis: exit 1, one line on stderr naming the variable,
 * no stack trace, nothing logged.
 */
describe('starting with an invalid key', () => {
  it.each([
    ['a P-384 JWT key', { GATEWAY_JWT_PRIVATE_KEY: pem('P-384') }, 'GATEWAY_JWT_PRIVATE_KEY'],
    [
      'a garbage PEM block',
      {
        GATEWAY_JWT_PRIVATE_KEY:
          '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----',
      },
      'GATEWAY_JWT_PRIVATE_KEY',
    ],
    [
      'a 16-byte encryption key',
      { GATEWAY_ENCRYPTION_KEY: Buffer.alloc(16, 1).toString('base64') },
      'GATEWAY_ENCRYPTION_KEY',
    ],
  ])('%s: exits 1 with one line naming the variable', async (_, env, variable) => {
    const exit = await start(env);
    expect(exit.code).toBe(1);
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(`^Invalid configuration: ${variable} `)]);
    expect(exit.stderr).not.toMatch(/\n\s+at /);
    expect(exit.stdout).toBe('');
  });
});

/** The real `src/main.ts` until its stdout matches `until` (or 30 s), then stopped; its output. */
async function startUntil(env: Record<string, string>, until: RegExp): Promise<string> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        REDIS_URL: process.env.TEST_REDIS_URL ?? '',
        PORT: String(await freePort()),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 30000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until.test(stdout)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.kill('SIGTERM');
  await exited;
  return stdout;
}

describe('starting with one upstream that is not a simulator', () => {
  it('says why the demo client `reports` is not there, instead of dropping it silently', async () => {
    const stdout = await startUntil(
      { NUEYNE_BASE_URL: 'https://nueyne.example.com' },
      /Junction listening/,
    );
    expect(stdout).toMatch(/Junction listening/);
    expect(stdout).toContain(
      "The sandbox's demo client `reports` is not added: NUEYNE_BASE_URL is not a simulator",
    );
  });
});
