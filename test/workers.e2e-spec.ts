import { eventually } from './support/eventually';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import request, { Response } from 'supertest';
import { buildIfStale, ROOT } from './support/build';
import { freePort } from './support/redis-server';
import { DEMO_PASSWORD, DEMO_USER, startStack, TestStack } from './support/stack';
const NUEYNE_ME = 'GET /api/v1/lux/user/me';

interface LogLine {
  msg?: string;
  worker?: number;
  pid?: number;
  route?: string;
  status?: number;
  requestId?: string;
}

/**
 * The real gateway as `npm start` runs it (`dist/main.js`, built from `src/main.ts` when stale)
 * started as a process with GATEWAY_WORKERS=2 (a node:cluster primary and
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
  /** The worker id that a 'worker listening' line gives for this process id. */
  const workerOf = (pid: number) =>
    lines.find((l) => l.msg === 'worker listening' && l.pid === pid)?.worker;
  /**
   * Which workers served these responses: the worker of the access line carrying each response's
   * x-request-id. A worker writes that line after its response has gone, asynchronously, to the
   * stdout that the primary and the workers share (a non-blocking socket: when it is momentarily
   * full, pino retries 100 ms later), so a line may reach this process well after the next
   * response. Each line is therefore awaited, never assumed already read: counting the lines
   * read so far saw a busy machine's late worker as no worker at all.
   */
  const workersServing = async (route: string, responses: Response[]) => {
    const workers = new Set<number | undefined>();
    for (const res of responses) {
      const id = res.headers['x-request-id'] as string | undefined;
      expect(id).toEqual(expect.any(String));
      let line: LogLine | undefined;
      await eventually(
        () => (line = lines.find((l) => l.msg === 'request' && l.requestId === id)) !== undefined,
        { everyMs: 10, timeoutMs: 10000 },
      );
      expect(line?.route).toBe(route);
      workers.add(line?.worker);
    }
    return workers;
  };
  /** Sends `count` requests one after another, each on a new connection; all must answer `status`. */
  const series = async (count: number, status: number, send: () => Promise<Response>) => {
    const responses: Response[] = [];
    for (let i = 0; i < count; i++) {
      const res = await send();
      expect(res.status).toBe(status);
      responses.push(res);
    }
    return responses;
  };
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
    await buildIfStale();
    stack = await startStack({ env: { LOG_LEVEL: 'error' } });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    primary = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
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
    });
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
  }, 360000);

  afterAll(async () => {
    if (primary && primary.exitCode === null) primary.kill('SIGKILL');
    await stack?.close();
  });

  it('starts two workers on one port, and requests reach both', async () => {
    const responses = await series(10, 200, () => get('/health/live'));
    expect(new Set(listening()).size).toBe(2);
    expect(await workersServing('/health/live', responses)).toEqual(new Set([1, 2]));
  });

  it('a token signed by one worker works on the other, and signing out ends it on both', async () => {
    const login = await signIn();
    const token = login.body.access_token as string;
    const signedIn = await series(6, 200, () => get('/v1/me', token));
    expect(await workersServing('/v1/me', signedIn)).toEqual(new Set([1, 2]));

    const revoke = await request(url)
      .post('/v1/auth/revoke')
      .set('connection', 'close')
      .type('form')
      .send({ token: login.body.refresh_token as string });
    expect(revoke.status).toBe(200);
    const signedOut = await series(6, 401, () => get('/v1/me', token));
    expect(await workersServing('/v1/me', signedOut)).toEqual(new Set([1, 2]));
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
    const responses = await series(8, 200, () => get('/health/ready'));
    expect(await workersServing('/health/ready', responses)).toEqual(new Set([1, 2]));
    // Each scrape, whichever worker takes it, sees the eight requests of both workers.
    for (let i = 0; i < 2; i++) expect(count((await get('/metrics')).text)).toBe(before + 8);
  });

  it('replaces a worker that dies; the other keeps serving meanwhile', async () => {
    const [victim, survivor] = listening();
    process.kill(victim, 'SIGKILL');
    // (A connection the primary hands over in the instant the worker dies is lost with it, as
    // with any crashed server: the requests start once the primary has seen the death.)
    await eventually(() =>
      lines.some((l) => l.msg === 'worker died; starting another' && l.pid === victim),
    );
    const during = await series(4, 200, () => get('/health/live'));
    expect(await workersServing('/health/live', during)).toEqual(new Set([workerOf(survivor)]));
    await eventually(() => listening().length >= 3, { timeoutMs: 60000 });
    const replacement = listening()[2];
    const after = await series(10, 200, () => get('/health/live'));
    expect(await workersServing('/health/live', after)).toEqual(
      new Set([workerOf(survivor), workerOf(replacement)]),
    );
    expect(workerOf(replacement)).toBe(3);
  }, 90000);

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
