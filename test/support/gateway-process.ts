import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './build';
import { eventually } from './eventually';

export interface GatewayProcess {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Every JSON log line the process wrote to stdout. */
  readonly lines: Record<string, unknown>[];
  /** Resolves with how it ended: an exit code, or the signal that ended it. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * The built gateway (`dist/main.js`, see buildIfStale) as one real process on `port`, as
 * production runs it: for scenarios that need a real SIGTERM or SIGKILL. Resolves once
 * /health/ready answers 200.
 */
export async function startGatewayProcess(
  env: Record<string, string>,
  port: number,
): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      REDIS_URL: process.env.TEST_REDIS_URL,
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      GATEWAY_WORKERS: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  void exit.then(() => (exited = true));
  await eventually(
    async () => {
      if (exited) throw new Error(`the gateway on ${port} exited at start`);
      const res = await fetch(`${url}/health/ready`).catch(() => undefined);
      return res?.status === 200;
    },
    { timeoutMs: 30000, everyMs: 50 },
  );
  return {
    port,
    url,
    pid: child.pid ?? 0,
    lines,
    exit,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/**
 * Signs the demo Lux user in on a gateway process (over plain fetch, as a client outside the
 * test's process would) and links the demo ThinQ account: the bearer header for its requests.
 * Throws on any answer but 200.
 */
export async function linkedDemoSession(
  url: string,
  user: { username: string; password: string },
  thinqToken: string,
): Promise<{ authorization: string }> {
  const signIn = await fetch(`${url}/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', provider: 'lux', ...user }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
  const token = ((await signIn.json()) as { access_token: string }).access_token;
  const auth = { authorization: `Bearer ${token}` };
  const linked = await fetch(`${url}/v1/me/links/thinq`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ accessToken: thinqToken, countryCode: 'KR' }),
  });
  if (linked.status !== 200) throw new Error(`the ThinQ link answered ${linked.status}`);
  return auth;
}
