import { eventually } from './support/eventually';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from './support/redis-server';
import { DEMO_PASSWORD, DEMO_USER, startStack, TestStack } from './support/stack';

const ROOT = join(__dirname, '..');
const NUEYNE_ME = 'GET /api/v1/lux/user/me';

interface LogLine {
  msg?: string;
  worker?: number;
  pid?: number;
  route?: string;
  status?: number;
}

/**
 * The real `src/main.ts` started as a process with GATEWAY_WORKERS=2 (a node:cluster primary and
 * two workers on one port), against the test simulators and redis-server, driven over HTTP and
 * stopped with a real SIGTERM.
 */
describe('several gateway processes on one machine (GATEWAY_WORKERS)', () => {
  let stack: TestStack;
  let primary: ChildProcess;
  let url: string;
  const lines: LogLine[] = [];
  let exit: Promise<number | null>;

  const listening = () =>
    lines.filter((l) => l.msg === 'worker listening').map((l) => l.pid as number);
  /** Which workers logged a request to this route since `from` lines. */
  const workersServing = (route: string, from: number) =>
    new Set(
      lines
        .slice(from)
        .filter((l) => l.msg === 'request' && l.route === route)
        .map((l) => l.worker),
    );
  // A fresh connection per request: the primary hands connections to the workers in turn.
  const get = (path: string, token?: string) => {
    const test = request(url).get(path).set('connection', 'close').timeout(10000);
    return token ? test.set('authorization', `Bearer ${token}`) : test;
  };

  const signIn = async () => {
    const res = await request(url)
      .post('/v1/auth/token')
      .set('connection', 'close')
      .type('form')
      .send({
        grant_type: 'password',
        provider: 'lux',
        username: DEMO_USER,
        password: DEMO_PASSWORD,
      });
    expect(res.status).toBe(200);
    return res;
  };

  beforeAll(async () => {
    // The in-process gateway of the stack is not used; the stack gives simulators and shared env.
    stack = await startStack({ env: { LOG_LEVEL: 'error' } });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    primary = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/main.ts')],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          ...stack.env,
          REDIS_URL: process.env.TEST_REDIS_URL,
          PORT: String(port),
          GATEWAY_WORKERS: '2',
          LOG_LEVEL: 'info',
          SHUTDOWN_DRAIN_MS: '0',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    exit = new Promise((resolve) => primary.once('exit', (code) => resolve(code)));
    let rest = '';
    primary.stdout?.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString('utf8');
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) {
        try {
          lines.push(JSON.parse(part) as LogLine);
        } catch {
          // not a log line
        }
      }
    });
    await eventually(() => listening().length >= 2, { timeoutMs: 60000 });
  }, 90000);

  afterAll(async () => {
    if (primary && primary.exitCode === null) primary.kill('SIGKILL');
    await stack?.close();
  });

  it('starts two workers on one port, and requests reach both', async () => {
    const from = lines.length;
    for (let i = 0; i < 10; i++) expect((await get('/health/live')).status).toBe(200);
    expect(new Set(listening()).size).toBe(2);
    expect(workersServing('/health/live', from)).toEqual(new Set([1, 2]));
  });

  it('a token signed by one worker works on the other, and signing out ends it on both', async () => {
    const login = await signIn();
    const token = login.body.access_token as string;
    const from = lines.length;
    for (let i = 0; i < 6; i++) expect((await get('/v1/me', token)).status).toBe(200);
    expect(workersServing('/v1/me', from)).toEqual(new Set([1, 2]));

    const revoke = await request(url)
      .post('/v1/auth/revoke')
      .set('connection', 'close')
      .type('form')
      .send({ token: login.body.refresh_token as string });
    expect(revoke.status).toBe(200);
    const after = lines.length;
    for (let i = 0; i < 6; i++) expect((await get('/v1/me', token)).status).toBe(401);
    expect(workersServing('/v1/me', after)).toEqual(new Set([1, 2]));
  });

  it('/metrics answers for the whole machine: both workers counted in one scrape', async () => {
    const count = (text: string) => {
      const line = text
        .split('\n')
        .find((l) =>
          l.startsWith(
            'junction_http_request_duration_seconds_count{method="GET",route="/health/ready",status="200"}',
          ),
        );
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const before = count((await get('/metrics')).text);
    const from = lines.length;
    for (let i = 0; i < 8; i++) expect((await get('/health/ready')).status).toBe(200);
    expect(workersServing('/health/ready', from)).toEqual(new Set([1, 2]));
    // Each scrape, whichever worker takes it, sees the eight requests of both workers.
    for (let i = 0; i < 2; i++) expect(count((await get('/metrics')).text)).toBe(before + 8);
  });

  it('replaces a worker that dies; the other keeps serving meanwhile', async () => {
    const [victim] = listening();
    process.kill(victim, 'SIGKILL');
    // (A connection the primary hands over in the instant the worker dies is lost with it, as
    // with any crashed server: the requests start once the primary has seen the death.)
    await eventually(() =>
      lines.some((l) => l.msg === 'worker died; starting another' && l.pid === victim),
    );
    const during = lines.length;
    for (let i = 0; i < 4; i++) expect((await get('/health/live')).status).toBe(200);
    expect(workersServing('/health/live', during).size).toBe(1);
    await eventually(() => listening().length >= 3, { timeoutMs: 60000 });
    const from = lines.length;
    for (let i = 0; i < 10; i++) expect((await get('/health/live')).status).toBe(200);
    expect(workersServing('/health/live', from).size).toBe(2);
  }, 60000);

  it('on SIGTERM the workers finish the request in flight, then the primary exits 0', async () => {
    const login = await signIn();
    stack.nueyne.faults.add({ route: NUEYNE_ME, latencyMs: 1500 });
    const before = stack.nueyne.faults.count(NUEYNE_ME);
    const inFlight = get('/v1/me', login.body.access_token as string).then((res) => res);
    await eventually(() => stack.nueyne.faults.count(NUEYNE_ME) > before);
    primary.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body.rootUserId).toBe(1);
    expect(await exit).toBe(0);
    expect(lines.some((l) => l.msg === 'all workers stopped')).toBe(true);
    stack.nueyne.faults.clear();
  }, 30000);
});
