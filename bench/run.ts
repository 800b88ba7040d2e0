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
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, RedisProcess, startRedis } from '../test/support/redis-server';
import { streamsScenario, STREAMS_POLL_MS } from './streams';
import {
  flatAfterWarmup,
  heapUsedMbOf,
  LiveHeapSample,
  liveHeapOf,
  MemorySample,
  readFrom,
  rssMbOf,
  seriesTable,
  verdictLine,
} from './soak';

const ROOT = resolve(__dirname, '..');
const env = process.env;
const DURATION = Number(env.BENCH_DURATION ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
const COLD_CONNECTIONS = Number(env.BENCH_COLD_CONNECTIONS ?? 200);
const COLD_LATENCY_MS = Number(env.BENCH_COLD_LATENCY_MS ?? 100);
const THREADS = Number(env.BENCH_THREADS ?? 1);
const LATENCY_CONNECTIONS = Number(env.BENCH_LATENCY_CONNECTIONS ?? 1);
const QUOTA_DURATION = Number(env.BENCH_QUOTA_DURATION ?? 60);
const QUOTA_CONNECTIONS = Number(env.BENCH_QUOTA_CONNECTIONS ?? 100);
const QUOTA_BUDGET = Number(env.BENCH_QUOTA_BUDGET ?? 40);
const QUOTA_RESERVE = Number(env.BENCH_QUOTA_RESERVE ?? 4);
const HOME_LATENCY_MS = Number(env.BENCH_HOME_LATENCY_MS ?? 20);
const ONLY = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',')) : undefined;
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const TOOL = env.BENCH_TOOL ?? (has('wrk') ? 'wrk' : 'autocannon');
const SOAK_SECONDS = Number(env.BENCH_SOAK_SECONDS ?? 600);
const SOAK_CONNECTIONS = Number(env.BENCH_SOAK_CONNECTIONS ?? 100);
const SOAK_SAMPLE_SECONDS = Number(env.BENCH_SOAK_SAMPLE_SECONDS ?? 5);
const SOAK_GC_SECONDS = Number(env.BENCH_SOAK_GC_SECONDS ?? 60);
const SOAK_IDLE_SECONDS = Number(env.BENCH_SOAK_IDLE_SECONDS ?? 60);
const SOAK_FLAT_PERCENT = Number(env.BENCH_SOAK_FLAT_PERCENT ?? 5);
const SOAK_SIGNINS_PER_SECOND = Number(env.BENCH_SOAK_SIGNINS_PER_SECOND ?? 1);
const STATUS_FRESH_MS = 5000;
const PREFIX = 'bench:';

const THINQ_HEADERS = {
  authorization: 'Bearer thinq-demo-token',
  'x-service-id': 'junction-sandbox',
  'x-service-key': 'sandbox-service-key',
  'x-country-code': 'KR',
};

interface Load {
  /** Paths, requested in turn. */
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  duration: number;
  /** Send a fresh ThinQ x-message-id with every request (ThinQ refuses a reused one). */
  messageIds?: boolean;
}

interface Measured {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

interface Row extends Partial<Measured> {
  id: string;
  what: string;
  baseline?: string;
  note?: string;
  lagP99Ms?: number;
  lagMaxMs?: number;
  rssMb?: number;
  /** Redis commands (INFO commandstats, Lua's inner commands included) per request. */
  redisPerRequest?: number;
  /** CPU time (user + system) of the process(es) serving the row, per request. */
  cpuUsPerRequest?: number;
}

/** One target and its verdict, printed under the table. */
interface Verdict {
  id: string;
  target: string;
  result: string;
  met: boolean;
}

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

function child(command: string, args: string[], options: Parameters<typeof spawn>[2]) {
  const proc = spawn(command, args, options);
  children.push(proc);
  return proc;
}

async function stopChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function waitHttp(url: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await sleep(100);
  }
}

async function startUpstreams(): Promise<{ nueyne: string; thinq: string; interwater: string }> {
  const proc = child(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench/upstreams.ts')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: proc.stdout! });
  for await (const line of lines) {
    if (line.startsWith('{')) {
      lines.close();
      return JSON.parse(line) as { nueyne: string; thinq: string; interwater: string };
    }
  }
  throw new Error('the simulators did not start');
}

interface Gateway {
  url: string;
  pid: number;
  logFile: string;
}

// Every gateway of a run shares these, as replicas must: a token from one verifies on the other.
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const encryptionKey = randomBytes(32).toString('base64');

async function startGateway(
  redis: RedisProcess,
  upstreams: { nueyne: string; thinq: string; interwater: string },
  dir: string,
  extraEnv: Record<string, string> = {},
  name = 'gateway',
  extraNodeArgs: string[] = [],
): Promise<Gateway> {
  const port = await freePort();
  const logFile = join(dir, `${name}.log`);
  const out = openSync(logFile, 'a');
  const gatewayEnv: Record<string, string> = {
    PATH: env.PATH ?? '',
    NODE_ENV: 'production',
    PORT: String(port),
    LOG_LEVEL: 'info',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: PREFIX,
    NUEYNE_BASE_URL: upstreams.nueyne,
    THINQ_BASE_URL: upstreams.thinq,
    THINQ_SERVICE_ID: 'junction-sandbox',
    THINQ_SERVICE_KEY: 'sandbox-service-key',
    INTERWATER_BASE_URL: upstreams.interwater,
    INTERWATER_ACCESS_KEY: 'sandbox-access-key',
    INTERWATER_SECRET_KEY: 'sandbox-secret-key',
    GATEWAY_JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    GATEWAY_ENCRYPTION_KEY: encryptionKey,
    GATEWAY_ISSUER: 'http://junction.bench',
    THINQ_STATUS_FRESH_MS: String(STATUS_FRESH_MS),
    SHUTDOWN_DRAIN_MS: '0',
    // As docker/k8s/configmap.yaml deploys it.
    NODE_OPTIONS: '--max-old-space-size=128',
    // One bearer token drives every run: lift the per-client limit (the counter still runs).
    RATE_LIMITS: JSON.stringify({ default: { limit: 1_000_000_000, windowSeconds: 60 } }),
    ...(env.BENCH_GATEWAY_ENV ? (JSON.parse(env.BENCH_GATEWAY_ENV) as Record<string, string>) : {}),
    ...extraEnv,
  };
  const nodeArgs = [
    ...(env.BENCH_NODE_ARGS ? env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : []),
    ...extraNodeArgs,
  ];
  const main = env.BENCH_GATEWAY_MAIN
    ? resolve(env.BENCH_GATEWAY_MAIN)
    : join(ROOT, 'dist/main.js');
  const proc = child(process.execPath, [...nodeArgs, main], {
    cwd: ROOT,
    env: gatewayEnv,
    stdio: ['ignore', out, out],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHttp(`${url}/health/live`);
  } catch (error) {
    process.stderr.write(readFrom(logFile, Math.max(0, statSync(logFile).size - 4000)));
    throw error;
  }
  return { url, pid: proc.pid!, logFile };
}

/** nginx in front of the ThinQ simulator: a plain reverse proxy, and one with a proxy_cache. */
function startNginx(
  upstream: string,
  dir: string,
): Promise<{ proxy: string; cached: string }> | undefined {
  if (!has('nginx')) return undefined;
  return (async () => {
    const port = await freePort();
    const cachedPort = await freePort();
    const target = new URL(upstream);
    const user = process.getuid?.() === 0 ? 'user root;\n' : '';
    const conf = `${user}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream thinq { server ${target.hostname}:${target.port}; keepalive 64; }
  proxy_cache_path ${dir}/cache levels=1 keys_zone=status:1m max_size=10m inactive=10m use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://thinq;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
  server {
    listen 127.0.0.1:${cachedPort};
    location / {
      proxy_pass http://thinq;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache status;
      proxy_cache_key $uri;
      proxy_cache_valid 200 10m;
      proxy_ignore_headers Cache-Control Expires Set-Cookie Vary;
      add_header x-cache $upstream_cache_status;
    }
  }
}
`;
    writeFileSync(join(dir, 'nginx.conf'), conf);
    child('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const proxy = `http://127.0.0.1:${port}`;
    await waitHttp(`${proxy}/__sandbox/calls`, 10000);
    return { proxy, cached: `http://127.0.0.1:${cachedPort}` };
  })();
}

/** Anchors c0 and eb: a bare NestJS + Fastify app (bench/bare-nest.ts). */
async function startBareNest(
  bareEnv: Record<string, string>,
): Promise<{ url: string; pid: number }> {
  const proc = child(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench/bare-nest.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: env.PATH ?? '',
        NODE_ENV: 'production',
        NODE_OPTIONS: '--max-old-space-size=128',
        ...bareEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: proc.stdout! });
  for await (const line of lines) {
    if (line.startsWith('{')) {
      lines.close();
      return { url: (JSON.parse(line) as { url: string }).url, pid: proc.pid! };
    }
  }
  throw new Error('the bare Nest app did not start');
}

/** Commands Redis has run so far (INFO commandstats, without the INFO calls themselves). */
async function redisCommands(client: Redis): Promise<number> {
  const info = await client.info('commandstats');
  let total = 0;
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (match[1] !== 'info') total += Number(match[2]);
  }
  return total;
}

// ---- load generators ----

function wrkScript(load: Load, file: string): void {
  const lua = `
local paths = { ${load.paths.map((p) => JSON.stringify(p)).join(', ')} }
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local last = "AQgw"
local counter = 0
local thread_id = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919 + math.floor(os.clock() * 1000000))
end
${Object.entries(load.headers)
  .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
  .join('\n')}
local n = 0
request = function()
  n = n + 1
  ${
    load.messageIds
      ? `local t = {}
  for k = 1, 21 do local r = math.random(1, 64); t[k] = alphabet:sub(r, r) end
  local r = math.random(1, 4); t[22] = last:sub(r, r)
  wrk.headers["x-message-id"] = table.concat(t)`
      : ''
  }
  return wrk.format("GET", paths[(n % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH_JSON {\\"requests\\":%d,\\"duration_us\\":%d,\\"p50_us\\":%d,\\"p99_us\\":%d,\\"non2xx\\":%d,\\"errors\\":%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
`;
  writeFileSync(file, lua);
}

async function runWrk(base: string, load: Load, dir: string): Promise<Measured> {
  const script = join(dir, `load-${randomBytes(4).toString('hex')}.lua`);
  wrkScript(load, script);
  const args = [
    '-t',
    String(Math.min(THREADS, load.connections)),
    '-c',
    String(load.connections),
    '-d',
    `${load.duration}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    base,
  ];
  const proc = child('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((done) => proc.once('exit', () => done()));
  const line = output.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (!line) throw new Error(`wrk printed no result:\n${output}`);
  const r = JSON.parse(line.slice('BENCH_JSON '.length)) as {
    requests: number;
    duration_us: number;
    p50_us: number;
    p99_us: number;
    non2xx: number;
    errors: number;
  };
  return {
    requests: r.requests,
    rps: r.requests / (r.duration_us / 1e6),
    p50Ms: r.p50_us / 1000,
    p99Ms: r.p99_us / 1000,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

function messageId(): string {
  return randomBytes(16).toString('base64url');
}

async function runAutocannon(base: string, load: Load): Promise<Measured> {
  let n = 0;
  const result = await autocannon({
    url: base,
    connections: load.connections,
    duration: load.duration,
    headers: load.headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req: Record<string, unknown>) => {
          n += 1;
          const headers = { ...(req.headers as Record<string, string>) };
          if (load.messageIds) headers['x-message-id'] = messageId();
          return { ...req, path: load.paths[n % load.paths.length], headers };
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function measure(base: string, load: Load, dir: string, warmup = WARMUP): Promise<Measured> {
  if (warmup > 0) await drive(base, { ...load, duration: warmup }, dir);
  return drive(base, load, dir);
}

function drive(base: string, load: Load, dir: string): Promise<Measured> {
  return TOOL === 'wrk' ? runWrk(base, load, dir) : runAutocannon(base, load);
}

// ---- gateway process figures ----

/** Event-loop delay since the last scrape (prom-client resets its histogram on every scrape). */
async function eventLoopLag(gateway: Gateway): Promise<{ p99Ms: number; maxMs: number }> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const read = (name: string) => {
    const match = new RegExp(`^junction_nodejs_eventloop_lag_${name}_seconds ([\\d.e+-]+)$`, 'm');
    return Number(match.exec(text)?.[1] ?? NaN) * 1000;
  };
  // monitorEventLoopDelay samples every 10 ms and records the whole interval: subtract it.
  return { p99Ms: Math.max(0, read('p99') - 10), maxMs: Math.max(0, read('max') - 10) };
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used, in ms (from /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** The process and its children's pids (the workers of GATEWAY_WORKERS > 1). */
function tree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return [pid, ...children.split(' ').filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

/** The process and its children (the workers of GATEWAY_WORKERS > 1), each. */
function treeRssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number[] {
  return tree(pid)
    .map((p) => rssMb(p, field))
    .filter((mb) => mb !== undefined);
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

async function upstreamCounts(base: string): Promise<Record<string, number>> {
  return (await (await fetch(`${base}/__bench/counts`)).json()) as Record<string, number>;
}

// ---- setup through the gateway ----

async function json<T = Record<string, unknown>>(
  url: string,
  init: RequestInit & { expect?: number[] } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  if (init.expect && !init.expect.includes(res.status)) {
    throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 300)}`);
  }
  return { status: res.status, body: body as T };
}

async function userToken(gateway: Gateway): Promise<string> {
  const token = await json(`${gateway.url}/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&provider=lux&username=demo%40junction.dev&password=junction-demo',
    expect: [200],
  });
  const accessToken = token.body.access_token as string;
  const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  await json(`${gateway.url}/v1/me/links/thinq`, {
    method: 'PUT',
    headers: auth,
    body: JSON.stringify({ accessToken: 'thinq-demo-token', countryCode: 'KR' }),
    expect: [200],
  });
  await json(`${gateway.url}/v1/me/links/legacy`, {
    method: 'PUT',
    headers: auth,
    body: JSON.stringify({ username: 'demo@junction.dev', password: 'junction-demo' }),
  });
  return accessToken;
}

async function nueyneToken(nueyne: string): Promise<string> {
  const res = await json(`${nueyne}/api/v1/lux/auth/email/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'username=demo%40junction.dev&password=junction-demo',
    expect: [200],
  });
  return res.body.access_token as string;
}

// ---- output ----

function fmt(value: number | undefined, digits = 0): string {
  return value === undefined || Number.isNaN(value) ? '' : value.toFixed(digits);
}

function table(rows: Row[]): string {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const head = [
    'id',
    'scenario',
    'req/s',
    'p50 ms',
    'p99 ms',
    'vs',
    'ratio',
    'non-2xx',
    'loop p99 ms',
    'RSS MB',
    'Redis/req',
    'CPU µs/req',
    'note',
  ];
  const body = rows.map((r) => {
    const base = r.baseline ? byId.get(r.baseline) : undefined;
    const ratio = base?.rps && r.rps !== undefined ? r.rps / base.rps : undefined;
    return [
      r.id,
      r.what,
      fmt(r.rps),
      fmt(r.p50Ms, 2),
      fmt(r.p99Ms, 2),
      r.baseline ?? '',
      fmt(ratio, 2),
      r.non2xx === undefined ? '' : String(r.non2xx + (r.errors ?? 0)),
      fmt(r.lagP99Ms, 1),
      fmt(r.rssMb, 0),
      r.redisPerRequest === undefined ? '' : r.redisPerRequest.toFixed(3),
      fmt(r.cpuUsPerRequest, 0),
      r.note ?? '',
    ];
  });
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((line) => line[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

// ---- the run ----

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist/main.js'))) {
    throw new Error('dist/main.js is missing: run `npm run build` first (npm run bench does).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'junction-bench-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const redis = await startRedis();
  cleanups.push(() => redis.stop());
  const upstreams = await startUpstreams();
  const gateway = await startGateway(redis, upstreams, dir);
  const nginxUrls = await startNginx(upstreams.thinq, dir);
  const nginx = nginxUrls?.proxy;
  const want = (id: string) => !ONLY || ONLY.has(id);
  const redisClient = new Redis(redis.url);
  cleanups.push(() => redisClient.disconnect());
  const verdicts: Verdict[] = [];
  const verdict = (id: string, target: string, result: string, met: boolean) =>
    verdicts.push({ id, target, result, met });

  const token = await userToken(gateway);
  const auth = { authorization: `Bearer ${token}` };
  const devices = (
    await json<{ deviceId: string }[]>(`${gateway.url}/v1/appliances`, {
      headers: auth,
      expect: [200],
    })
  ).body;
  const readable: string[] = [];
  for (const device of devices) {
    const res = await fetch(`${gateway.url}/v1/appliances/${device.deviceId}/status`, {
      headers: auth,
    });
    await res.arrayBuffer();
    if (res.status === 200) readable.push(device.deviceId);
  }
  const device = readable[0];
  const statusPath = `/v2/devices/status/${device}`;
  const gatewayStatusPath = `/v1/appliances/${device}/status`;
  if (env.BENCH_HOLD) {
    // For profiling by hand: everything is up; print how to reach it and wait for Ctrl-C.
    process.stdout.write(
      `${JSON.stringify({ gateway: gateway.url, pid: gateway.pid, token, statusPath: gatewayStatusPath, upstreams, nginx, redis: redis.url })}\n`,
    );
    await new Promise(() => undefined);
  }
  const rows: Row[] = [];
  const load = (paths: string[], headers: Record<string, string>, extra: Partial<Load> = {}) => ({
    paths,
    headers,
    connections: CONNECTIONS,
    duration: DURATION,
    ...extra,
  });
  /** Runs a load on a gateway (after its warm-up), counting Redis commands during the run. */
  const measureGateway = async (base: string, spec: Load, warmup = WARMUP, pid = gateway.pid) => {
    if (warmup > 0) await drive(base, { ...spec, duration: warmup }, dir);
    const before = await redisCommands(redisClient);
    const cpuBefore = sum(tree(pid).map(cpuMs));
    const measured = await drive(base, spec, dir);
    const cpu = sum(tree(pid).map(cpuMs)) - cpuBefore;
    const commands = (await redisCommands(redisClient)) - before;
    const requests = Math.max(1, measured.requests);
    return {
      ...measured,
      redisPerRequest: commands / requests,
      cpuUsPerRequest: (cpu * 1000) / requests,
    };
  };
  const onGateway = async (row: Row, run: () => Promise<Measured>) => {
    await eventLoopLag(gateway); // resets the histogram
    const measured = await run();
    const lag = await eventLoopLag(gateway);
    rows.push({
      ...row,
      ...measured,
      lagP99Ms: lag.p99Ms,
      lagMaxMs: lag.maxMs,
      rssMb: rssMb(gateway.pid, 'VmRSS'),
    });
  };
  /** An anchor row on a bare Nest app of its own (bench/bare-nest.ts), stopped afterwards. */
  const measureBare = async (path: string, bareEnv: Record<string, string>) => {
    const bare = await startBareNest(bareEnv);
    try {
      await drive(bare.url, load([path], auth, { duration: WARMUP }), dir);
      const cpuBefore = cpuMs(bare.pid);
      const measured = await measure(bare.url, load([path], auth), dir, 0);
      const cpu = cpuMs(bare.pid) - cpuBefore;
      return { ...measured, cpuUsPerRequest: (cpu * 1000) / Math.max(1, measured.requests) };
    } finally {
      const proc = children.find((c) => c.pid === bare.pid);
      if (proc) {
        await stopChild(proc);
        children.splice(children.indexOf(proc), 1);
      }
    }
  };
  const row = (id: string) => rows.find((r) => r.id === id && r.rps !== undefined);
  const log = (text: string) => process.stderr.write(`bench: ${text}\n`);
  log(
    `${TOOL}, ${CONNECTIONS} connections (${COLD_CONNECTIONS} for d), ${DURATION} s per scenario after ${WARMUP} s warm-up; device ${device}`,
  );

  if (want('a')) {
    log('a: ThinQ simulator, status route, direct');
    rows.push({
      id: 'a',
      what: 'ThinQ simulator status, direct',
      baseline: 'a',
      ...(await measure(
        upstreams.thinq,
        load([statusPath], THINQ_HEADERS, { messageIds: true }),
        dir,
      )),
    });
  }
  if (want('b')) {
    if (nginx) {
      log('b: nginx -> ThinQ simulator');
      rows.push({
        id: 'b',
        what: 'nginx (1 worker, keepalive) -> simulator status',
        baseline: 'a',
        ...(await measure(nginx, load([statusPath], THINQ_HEADERS, { messageIds: true }), dir)),
      });
    } else {
      rows.push({
        id: 'b',
        what: 'nginx -> simulator status',
        note: 'skipped: nginx is not installed',
      });
    }
  }
  if (want('b0')) {
    if (nginxUrls) {
      // Anchor: nginx answering the same status from its own cache (the first call fills it).
      const first = await fetch(`${nginxUrls.cached}${statusPath}`, {
        headers: { ...THINQ_HEADERS, 'x-message-id': messageId() },
      });
      await first.arrayBuffer();
      const check = await fetch(`${nginxUrls.cached}${statusPath}`, {
        headers: { ...THINQ_HEADERS, 'x-message-id': messageId() },
      });
      await check.arrayBuffer();
      if (check.headers.get('x-cache') !== 'HIT')
        throw new Error(`nginx proxy_cache did not answer HIT (${check.headers.get('x-cache')})`);
      log('b0: nginx proxy_cache HIT');
      rows.push({
        id: 'b0',
        what: 'nginx proxy_cache HIT (anchor)',
        baseline: 'a',
        ...(await measure(nginxUrls.cached, load([statusPath], THINQ_HEADERS), dir)),
      });
    } else {
      rows.push({
        id: 'b0',
        what: 'nginx proxy_cache HIT',
        note: 'skipped: nginx is not installed',
      });
    }
  }
  if (want('c0')) {
    // Anchor: a bare Nest + Fastify route answering the JSON the gateway answers in row c.
    const res = await fetch(`${gateway.url}${gatewayStatusPath}`, { headers: auth });
    log('c0: bare NestJS + Fastify route, same JSON');
    rows.push({
      id: 'c0',
      what: 'bare NestJS + Fastify route, same JSON (anchor)',
      baseline: 'c0',
      ...(await measureBare('/status', { BARE_BODY: await res.text() })),
    });
  }
  if (want('c')) {
    log('c: gateway status, warm cache');
    await onGateway(
      {
        id: 'c',
        what: 'gateway GET /v1/appliances/{id}/status, warm',
        baseline: row('c0') ? 'c0' : nginx ? 'b' : 'a',
      },
      () => measureGateway(gateway.url, load([gatewayStatusPath], auth)),
    );
    statusVerdicts('c', rows[rows.length - 1]);
  }
  if (want('c2')) {
    // The same route on GATEWAY_WORKERS=2: a node:cluster primary and two workers on one port, on
    // the same Redis and keys (so the same token works), started only for this row.
    log('c2: gateway status, warm cache, GATEWAY_WORKERS=2');
    const workers = await startGateway(redis, upstreams, dir, { GATEWAY_WORKERS: '2' }, 'workers');
    const deadline = Date.now() + 60000;
    while (readFileSync(workers.logFile, 'utf8').split('"msg":"worker listening"').length < 3) {
      if (Date.now() > deadline) throw new Error('the two workers did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const warm = await fetch(`${workers.url}${gatewayStatusPath}`, { headers: auth });
    await warm.arrayBuffer();
    const measured = await measureGateway(
      workers.url,
      load([gatewayStatusPath], auth),
      WARMUP,
      workers.pid,
    );
    const peak = treeRssMb(workers.pid, 'VmHWM');
    rows.push({
      id: 'c2',
      what: 'the same, GATEWAY_WORKERS=2 (two instances, one port)',
      baseline: row('c0') ? 'c0' : nginx ? 'b' : 'a',
      ...measured,
      rssMb: sum(treeRssMb(workers.pid, 'VmRSS')),
      note: `peak RSS (MB) of primary, workers: ${peak.map((mb) => fmt(mb, 0)).join(', ')}`,
    });
    statusVerdicts('c2', rows[rows.length - 1]);
    await stopWorkers(workers);
  }
  if (want('d')) {
    log(
      `d: gateway status, cold cache, ${COLD_CONNECTIONS} connections, ThinQ +${COLD_LATENCY_MS} ms`,
    );
    const cacheKeys = await redisClient.keys(`${PREFIX}cache:thinq-status:*`);
    const lockKeys = await redisClient.keys(`${PREFIX}lock:cache:thinq-status:*`);
    for (const key of [...cacheKeys, ...lockKeys]) await redisClient.del(key);
    // The gateway may still answer from its near-cache for NEAR_CACHE_MAX_AGE_MS: let it lapse.
    await sleep(1500);
    await json(`${upstreams.thinq}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        route: 'GET /v2/devices/status/:deviceId',
        latencyMs: COLD_LATENCY_MS,
      }),
      expect: [200, 201, 204],
    });
    const route = 'GET /v2/devices/status/:deviceId';
    const before = (await upstreamCounts(upstreams.thinq))[route] ?? 0;
    const paths = readable.map((id) => `/v1/appliances/${id}/status`);
    await onGateway(
      {
        id: 'd',
        what: `gateway status, cold, ${COLD_CONNECTIONS} conn, ${readable.length} devices`,
        baseline: 'c',
      },
      () => measure(gateway.url, load(paths, auth, { connections: COLD_CONNECTIONS }), dir, 0),
    );
    const calls = ((await upstreamCounts(upstreams.thinq))[route] ?? 0) - before;
    await fetch(`${upstreams.thinq}/__sandbox/faults`, { method: 'DELETE' });
    const d = rows[rows.length - 1];
    const perDevice = calls / readable.length;
    const allowed = Math.floor((DURATION * 1000) / STATUS_FRESH_MS) + 1;
    d.note = `${calls} ThinQ calls = ${((calls / (d.requests ?? 1)) * 1000).toFixed(2)} per 1,000 requests`;
    verdict(
      'd',
      `<= 1 ThinQ call per device per ${STATUS_FRESH_MS / 1000} s window (${allowed} in ${DURATION} s)`,
      `${perDevice.toFixed(1)} per device`,
      perDevice <= allowed,
    );
  }
  if (want('e')) {
    const me = await fetch(`${gateway.url}/v1/me`, { headers: auth });
    await me.arrayBuffer();
    if (me.status === 404) {
      rows.push({
        id: 'e',
        what: 'gateway GET /v1/me',
        note: 'not available: /v1/me answers 404 (route not built yet)',
      });
    } else {
      log('e0: Nueyne simulator /me, direct');
      const nueyne = await nueyneToken(upstreams.nueyne);
      rows.push({
        id: 'e0',
        what: 'Nueyne simulator GET /api/v1/lux/user/me, direct',
        baseline: 'e0',
        ...(await measure(
          upstreams.nueyne,
          load(['/api/v1/lux/user/me'], { authorization: `Bearer ${nueyne}` }),
          dir,
        )),
      });
      // Anchor: the same call through a bare Nest route and undici, nothing else (the floor of a
      // Nest pass-through here).
      log('eb: bare NestJS + undici pass-through to the same /me');
      rows.push({
        id: 'eb',
        what: 'bare NestJS + undici pass-through, same /me (anchor)',
        baseline: 'e0',
        ...(await measureBare('/me', {
          BARE_UPSTREAM: upstreams.nueyne,
          BARE_UPSTREAM_TOKEN: nueyne,
        })),
      });
      log('e: gateway /v1/me (uncached pass-through)');
      await onGateway({ id: 'e', what: 'gateway GET /v1/me (pass-through)', baseline: 'e0' }, () =>
        measureGateway(gateway.url, load(['/v1/me'], auth)),
      );
      // The same pair without queueing: what the gateway adds to one request.
      const one = { connections: LATENCY_CONNECTIONS };
      log(`e0/e at ${LATENCY_CONNECTIONS} connection(s)`);
      rows.push({
        id: 'e0.1',
        what: `Nueyne /me direct, ${LATENCY_CONNECTIONS} connection(s)`,
        baseline: 'e0.1',
        ...(await measure(
          upstreams.nueyne,
          load(['/api/v1/lux/user/me'], { authorization: `Bearer ${nueyne}` }, one),
          dir,
        )),
      });
      await onGateway(
        {
          id: 'e.1',
          what: `gateway GET /v1/me, ${LATENCY_CONNECTIONS} connection(s)`,
          baseline: 'e0.1',
        },
        () => measureGateway(gateway.url, load(['/v1/me'], auth, one)),
      );
      for (const [id, base] of [
        ['e', 'e0'],
        ['e.1', 'e0.1'],
      ]) {
        const measured = row(id);
        const direct = row(base);
        if (measured?.p50Ms !== undefined && direct?.p50Ms !== undefined) {
          measured.note = `p50 +${(measured.p50Ms - direct.p50Ms).toFixed(2)} ms over direct`;
        }
      }
      const [e, e0, e1, e01] = [row('e'), row('e0'), row('e.1'), row('e0.1')];
      const eb = row('eb');
      if (e?.rps && e0?.rps) {
        const ratio = e.rps / e0.rps;
        verdict(
          'e',
          '>= 0.4 x e0 req/s',
          `${ratio.toFixed(2)}${eb?.rps ? ` (the bare pass-through eb: ${(eb.rps / e0.rps).toFixed(2)}; e is ${(e.rps / eb.rps).toFixed(2)} x eb)` : ''}`,
          ratio >= 0.4,
        );
      }
      if (e1?.p50Ms !== undefined && e01?.p50Ms !== undefined) {
        const added = e1.p50Ms - e01.p50Ms;
        verdict('e.1', 'p50 over e0.1 < 0.5 ms', `+${added.toFixed(2)} ms`, added < 0.5);
      }
    }
  }
  if (want('f')) {
    const home = await fetch(`${gateway.url}/v1/home`, { headers: auth });
    await home.arrayBuffer();
    if (home.status === 404) {
      rows.push({
        id: 'f',
        what: 'gateway GET /v1/home',
        note: 'not available: /v1/home answers 404 (route not built yet)',
      });
    } else {
      log('f: gateway /v1/home');
      await onGateway({ id: 'f', what: 'gateway GET /v1/home', baseline: 'a' }, () =>
        measureGateway(gateway.url, load(['/v1/home'], auth)),
      );
      if (want('f.1')) await homeUnderLightLoad();
    }
  }

  /**
   * /v1/home at light load against the slowest upstream call it makes (each measured directly at
   * the same load), with every simulator answering HOME_LATENCY_MS late as a vendor would: on
   * loopback they answer in a fraction of a millisecond, which would make the gateway's own
   * microseconds the whole comparison.
   */
  async function homeUnderLightLoad(): Promise<void> {
    const one = { connections: LATENCY_CONNECTIONS, duration: Math.max(3, DURATION / 2) };
    const [luxToken, legacyToken] = [await nueyneToken(upstreams.nueyne), await legacySignIn()];
    const month = new Date().toISOString().slice(0, 7);
    const calls: [string, string, Load][] = [
      [
        'Lux GET /user/me',
        upstreams.nueyne,
        load(['/api/v1/lux/user/me'], { authorization: `Bearer ${luxToken}` }, one),
      ],
      [
        'Legacy GET /device/my-devlog/{month}',
        upstreams.nueyne,
        load(
          [`/api/v1/legacy/device/my-devlog/${month}`],
          { authorization: `Bearer ${legacyToken}` },
          one,
        ),
      ],
      [
        'ThinQ GET /v2/devices',
        upstreams.thinq,
        load(['/v2/devices'], THINQ_HEADERS, {
          ...one,
          messageIds: true,
        }),
      ],
    ];
    await setLatency(HOME_LATENCY_MS);
    try {
      log(`f.1: the upstream calls of /v1/home, direct, +${HOME_LATENCY_MS} ms`);
      let slowest: (Measured & { what: string }) | undefined;
      const seen: string[] = [];
      for (const [what, base, spec] of calls) {
        const measured = await measure(base, spec, dir, 1);
        seen.push(`${what} ${measured.p50Ms.toFixed(2)}`);
        if (!slowest || measured.p50Ms > slowest.p50Ms) slowest = { ...measured, what };
      }
      rows.push({
        ...slowest,
        id: 'f0.1',
        what: `slowest upstream call of /v1/home, direct, ${LATENCY_CONNECTIONS} conn., +${HOME_LATENCY_MS} ms`,
        baseline: 'f0.1',
        note: `p50 ms: ${seen.join('; ')}`,
      });
      log(`f.1: gateway /v1/home, ${LATENCY_CONNECTIONS} connection(s), +${HOME_LATENCY_MS} ms`);
      await onGateway(
        {
          id: 'f.1',
          what: `gateway GET /v1/home, ${LATENCY_CONNECTIONS} conn., upstreams +${HOME_LATENCY_MS} ms`,
          baseline: 'f0.1',
        },
        () => measureGateway(gateway.url, load(['/v1/home'], auth, one), 1),
      );
    } finally {
      await setLatency(0);
    }
    const [f1, f01] = [row('f.1'), row('f0.1')];
    if (f1?.p50Ms !== undefined && f01?.p50Ms !== undefined) {
      const ratio = f1.p50Ms / f01.p50Ms;
      f1.note = `p50 +${(f1.p50Ms - f01.p50Ms).toFixed(2)} ms over the slowest call`;
      verdict(
        'f.1',
        'p50 <= 1.2 x the slowest upstream call (f0.1)',
        ratio.toFixed(2),
        ratio <= 1.2,
      );
    }
  }

  async function setLatency(latencyMs: number): Promise<void> {
    for (const base of [upstreams.nueyne, upstreams.thinq, upstreams.interwater]) {
      await fetch(`${base}/__sandbox/faults`, { method: 'DELETE' });
      if (latencyMs > 0) {
        await json(`${base}/__sandbox/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ route: '*', latencyMs }),
          expect: [200, 201, 204],
        });
      }
    }
  }

  async function legacySignIn(): Promise<string> {
    const res = await json(`${upstreams.nueyne}/api/v1/legacy/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=demo%40junction.dev&password=junction-demo',
      expect: [200],
    });
    return res.body.access_token as string;
  }

  /** Row c's (and c2's) targets against the anchors of the same run. */
  function statusVerdicts(id: string, measured: Row): void {
    const c0 = row('c0');
    if (c0?.rps && measured.rps) {
      const ratio = measured.rps / c0.rps;
      verdict(id, '>= 0.6 x c0 req/s (stretch 0.8)', ratio.toFixed(2), ratio >= 0.6);
      verdict(id, 'stretch: >= 0.8 x c0 req/s', ratio.toFixed(2), ratio >= 0.8);
    }
    if (c0?.p99Ms !== undefined && measured.p99Ms !== undefined) {
      verdict(
        id,
        'p99 <= 2 x c0 p99',
        `${measured.p99Ms.toFixed(1)} ms vs ${c0.p99Ms.toFixed(1)} ms`,
        measured.p99Ms <= 2 * c0.p99Ms,
      );
    }
    if (measured.redisPerRequest !== undefined) {
      verdict(
        id,
        '<= 0.1 Redis commands per request',
        measured.redisPerRequest.toFixed(4),
        measured.redisPerRequest <= 0.1,
      );
    }
    const b0 = row('b0');
    const b = row('b');
    const notes = [
      c0?.cpuUsPerRequest && measured.cpuUsPerRequest
        ? `CPU per request ${(measured.cpuUsPerRequest / c0.cpuUsPerRequest).toFixed(2)} x c0's`
        : '',
      b0?.rps && measured.rps ? `${(measured.rps / b0.rps).toFixed(2)} x nginx cache (b0)` : '',
      b?.rps && measured.rps ? `${(measured.rps / b.rps).toFixed(2)} x nginx proxy (b)` : '',
    ].filter(Boolean);
    if (notes.length > 0)
      measured.note = [notes.join(', '), measured.note].filter(Boolean).join('; ');
    if (b?.rps && measured.rps && measured.p99Ms !== undefined) {
      const ratio = measured.rps / b.rps;
      verdict(
        id,
        '(issue 9) >= 0.5 x nginx proxy (b), p99 < 10 ms',
        `${ratio.toFixed(2)}, ${measured.p99Ms.toFixed(1)} ms`,
        ratio >= 0.5 && measured.p99Ms < 10,
      );
    }
  }

  if (want('q')) {
    log(
      `q: ThinQ quota, ${QUOTA_CONNECTIONS} connections for ${QUOTA_DURATION} s on /v1/devices, /v1/home and ${readable.length} statuses, budget ${QUOTA_BUDGET}/h`,
    );
    rows.push(await quotaScenario(redis, upstreams, dir, readable));
  }

  const soakReport: string[] = [];
  if (want('soak')) {
    log(
      `soak: mixed load, ${SOAK_CONNECTIONS} connections, ${SOAK_SECONDS} s, then ${SOAK_IDLE_SECONDS} s idle`,
    );
    const soak = await startGateway(
      redis,
      upstreams,
      dir,
      {
        // One token for the whole run, however long; limits lifted as for the other rows.
        GATEWAY_ACCESS_TOKEN_TTL_SECONDS: '86400',
        RATE_LIMITS: JSON.stringify({
          default: { limit: 1_000_000_000, windowSeconds: 60 },
          auth: { limit: 1_000_000_000, windowSeconds: 60 },
        }),
      },
      'soak',
      ['--expose-gc', '-r', join(ROOT, 'bench/gc-probe.js')],
    );
    const soakToken = await userToken(soak);
    const soakAuth = { authorization: `Bearer ${soakToken}` };
    const paths = [
      ...readable.map((id) => `/v1/appliances/${id}/status`),
      '/v1/me',
      '/v1/home',
      '/v1/devices',
      '/v1/me/links',
      '/v1/appliances',
      '/v1/therapy/devices',
    ];
    const samples: MemorySample[] = [];
    const live: LiveHeapSample[] = [];
    const started = Date.now();
    const elapsed = () => Math.round((Date.now() - started) / 1000);
    let loading = true;
    const sampler = (async () => {
      let lastGc = -Infinity;
      while (loading) {
        const t = elapsed();
        const rss = rssMbOf(soak.pid);
        if (rss !== undefined)
          samples.push({ t, rssMb: rss, heapUsedMb: await heapUsedMbOf(soak.url) });
        if (t - lastGc >= SOAK_GC_SECONDS) {
          lastGc = t;
          const sample = await liveHeapOf(soak.pid, soak.logFile, t);
          if (sample) live.push(sample);
        }
        await sleep(SOAK_SAMPLE_SECONDS * 1000);
      }
    })();
    // New sessions all along (sign in, one request, revoke): per-token and per-session state must
    // stay bounded too, not only per-request state.
    let signIns = 0;
    const churn = (async () => {
      while (loading && SOAK_SIGNINS_PER_SECOND > 0) {
        const res = await json(`${soak.url}/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=password&provider=lux&username=demo%40junction.dev&password=junction-demo',
        });
        const access = res.body.access_token as string | undefined;
        if (access) {
          signIns += 1;
          await json(`${soak.url}/v1/me/links`, { headers: { authorization: `Bearer ${access}` } });
          await json(`${soak.url}/v1/auth/revoke`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `token=${encodeURIComponent(res.body.refresh_token as string)}`,
          });
        }
        await sleep(1000 / SOAK_SIGNINS_PER_SECOND);
      }
    })();
    const measured = await drive(
      soak.url,
      load(paths, soakAuth, { connections: SOAK_CONNECTIONS, duration: SOAK_SECONDS }),
      dir,
    );
    loading = false;
    await Promise.all([sampler, churn]);
    const loadEnd = elapsed();
    const rssVerdict = flatAfterWarmup(
      samples.map((x) => x.rssMb),
      SOAK_FLAT_PERCENT,
    );
    // Heap used swings with every collection; the live heap after a full GC is what a leak grows.
    const liveVerdict = flatAfterWarmup(
      live.filter((x) => x.t > 0).map((x) => x.liveHeapMb),
      SOAK_FLAT_PERCENT,
    );
    const heapUsed = samples.filter((x) => x.heapUsedMb !== undefined).map((x) => x.heapUsedMb!);
    await sleep(SOAK_IDLE_SECONDS * 1000);
    const idleRss = rssMbOf(soak.pid);
    const idleHeap = await heapUsedMbOf(soak.url);
    const idleLive = await liveHeapOf(soak.pid, soak.logFile, elapsed());
    const peakRss = rssMb(soak.pid, 'VmHWM');
    rows.push({
      id: 'soak',
      what: `mixed load (${paths.length} routes + ${SOAK_SIGNINS_PER_SECOND} sign-in/s), ${SOAK_CONNECTIONS} conn, ${SOAK_SECONDS} s`,
      ...measured,
      rssMb: samples.at(-1)?.rssMb,
      note: `RSS flat after warm-up: ${rssVerdict ? (rssVerdict.flat ? 'yes' : 'NO') : 'n/a'}; peak ${fmt(peakRss, 0)} MB`,
    });
    const liveFirst = live.find((l) => l.t >= loadEnd / 3);
    const liveLast = live.at(-1);
    soakReport.push(
      '',
      `soak (${SOAK_SECONDS} s of load, ${signIns} sign-ins, samples every ${SOAK_SAMPLE_SECONDS} s; the first third is warm-up):`,
      '',
      seriesTable(samples, live, Math.max(1, Math.round(30 / SOAK_SAMPLE_SECONDS))),
      '',
      `soak verdict: ${verdictLine('RSS', rssVerdict)}`,
      `soak: ${verdictLine('live heap after a full GC', liveVerdict)}`,
      `soak: heap used between collections ${fmt(Math.min(...heapUsed), 0)} to ${fmt(Math.max(...heapUsed), 0)} MB`,
      `soak: live heap after a full GC ${liveFirst ? fmt(liveFirst.liveHeapMb, 1) : '?'} MB at ${liveFirst?.t ?? '?'} s -> ` +
        `${liveLast ? fmt(liveLast.liveHeapMb, 1) : '?'} MB at ${liveLast?.t ?? '?'} s; ` +
        `after ${SOAK_IDLE_SECONDS} s idle: RSS ${fmt(idleRss, 0)} MB, heap used ${fmt(idleHeap, 0)} MB, ` +
        `live heap ${idleLive ? fmt(idleLive.liveHeapMb, 1) : '?'} MB (RSS then ${idleLive ? fmt(idleLive.rssMb, 0) : '?'} MB)`,
    );
    await stopWorkers(soak);
  }

  if (want('s')) {
    log(
      's: server-sent appliance events: streams per process under 200 MB, fan-out to 1,000 clients',
    );
    const result = await streamsScenario({
      thinq: upstreams.thinq,
      start: (extra, name) =>
        startGateway(redis, upstreams, dir, extra, name, [
          '--expose-gc',
          '-r',
          join(ROOT, 'bench/gc-probe.js'),
        ]),
      stop: (started) => stopWorkers(started),
      rssMb: (pid) => rssMb(pid, 'VmRSS'),
      liveHeapMb: async (started) =>
        (await liveHeapOf(started.pid, started.logFile, 0))?.liveHeapMb,
      log,
    });
    const { memory, fanout } = result;
    rows.push({
      id: 's.1',
      what: 'open event streams (every appliance each), RSS < 200 MB',
      rssMb: memory.rssMb,
      note:
        `${memory.streams} streams at ${fmt(memory.rssMb, 0)} MB (idle ${fmt(memory.baselineRssMb, 0)} MB, ` +
        `${fmt(memory.kbPerStream, 1)} KB RSS per stream, of which live heap ${fmt(memory.heapKbPerStream, 1)} KB); stopped by ${memory.stoppedBy}; ` +
        `samples ${memory.samples.map((x) => `${x.streams}:${fmt(x.rssMb, 0)}`).join(' ')}`,
    });
    rows.push({
      id: 's.2',
      what: `fan-out: a change at the simulator -> ${fanout.clients} streams of one device`,
      p50Ms: fanout.fromChange.p50,
      p99Ms: fanout.fromChange.p99,
      note:
        `${fanout.rounds} rounds, poll every ${STREAMS_POLL_MS} ms (included above); max ${fmt(fanout.fromChange.max, 0)} ms; ` +
        `first to last client p50 ${fmt(fanout.spread.p50, 1)} ms, p99 ${fmt(fanout.spread.p99, 1)} ms, max ${fmt(fanout.spread.max, 1)} ms; ` +
        `missed ${fanout.missed}`,
    });
    verdict(
      's.1',
      'open streams per process, RSS < 200 MB',
      `${memory.streams}`,
      memory.streams > 0,
    );
    verdict(
      's.2',
      'change -> last of 1,000 clients < poll + 1 s',
      `${fmt(fanout.fromChange.max, 0)} ms`,
      fanout.missed === 0 && fanout.fromChange.max < STREAMS_POLL_MS + 1000,
    );
  }

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

/** ThinQ calls the simulator received, all device routes together. */
async function thinqCalls(thinq: string): Promise<number> {
  const counts = await upstreamCounts(thinq);
  return Object.entries(counts)
    .filter(([route]) => route.includes('/v2/devices'))
    .reduce((total, [, count]) => total + count, 0);
}

/**
 * Scenario q (issue 13): one session hammering the screens and statuses must spend at most the
 * account's ThinQ call budget, and keep getting 200 with appliances (stale, with a warning, once
 * the budget is spent). Its own gateway and Redis prefix, so the budget starts empty; ThinQ calls
 * are counted at the simulator, the link's check included. A sampler reads /v1/devices and
 * /v1/home every 2 s during the run to see the appliances and the warnings a frontend would.
 */
async function quotaScenario(
  redis: RedisProcess,
  upstreams: { nueyne: string; thinq: string; interwater: string },
  dir: string,
  devices: string[],
): Promise<Row> {
  const before = await thinqCalls(upstreams.thinq);
  const quota = await startGateway(
    redis,
    upstreams,
    dir,
    {
      REDIS_KEY_PREFIX: 'bench-quota:',
      THINQ_HOURLY_CALL_BUDGET: String(QUOTA_BUDGET),
      THINQ_COMMAND_RESERVE: String(QUOTA_RESERVE),
      // 5 s fresh + 5 s stale-while-revalidate: once the budget is spent, a status older than
      // 10 s is answered with its reason (x-stale-reason), which the sampler can see in 60 s.
      THINQ_STATUS_SWR_MS: '5000',
    },
    'quota',
  );
  try {
    const auth = { authorization: `Bearer ${await userToken(quota)}` };
    const paths = [
      '/v1/devices',
      '/v1/home',
      ...devices.map((id) => `/v1/appliances/${id}/status`),
    ];
    const samples = { total: 0, withAppliances: 0, warned: 0, failed: 0, statuses: 0, frozen: 0 };
    let running = true;
    const sampler = (async () => {
      while (running) {
        for (const path of ['/v1/devices', '/v1/home']) {
          const res = await json<{
            items?: { source: string }[];
            devices?: { source: string }[];
            warnings?: { code: string }[];
          }>(`${quota.url}${path}`, { headers: auth });
          samples.total += 1;
          if (res.status !== 200) {
            samples.failed += 1;
            continue;
          }
          const items = res.body.items ?? res.body.devices ?? [];
          if (items.some((item) => item.source === 'thinq')) samples.withAppliances += 1;
          if (res.body.warnings?.some((w) => w.code === 'UPSTREAM_QUOTA_EXHAUSTED'))
            samples.warned += 1;
        }
        // A status, as a frontend polls it: once the budget is spent it is served frozen, marked.
        const status = await fetch(`${quota.url}${paths[2]}`, { headers: auth });
        await status.arrayBuffer();
        samples.statuses += 1;
        if (status.status !== 200) samples.failed += 1;
        if (status.headers.get('x-stale-reason') === 'UPSTREAM_QUOTA_EXHAUSTED')
          samples.frozen += 1;
        await sleep(2000);
      }
    })();
    const measured = await measure(
      quota.url,
      {
        paths,
        headers: auth,
        connections: QUOTA_CONNECTIONS,
        duration: QUOTA_DURATION,
      },
      dir,
      0,
    );
    running = false;
    await sampler;
    const calls = (await thinqCalls(upstreams.thinq)) - before;
    const ok =
      calls <= QUOTA_BUDGET &&
      measured.non2xx + measured.errors === 0 &&
      samples.failed === 0 &&
      samples.withAppliances === samples.total;
    return {
      id: 'q',
      what: `quota: ${paths.length} paths, 1 session, ${QUOTA_CONNECTIONS} conn, ${QUOTA_DURATION} s`,
      ...measured,
      rssMb: rssMb(quota.pid, 'VmRSS'),
      note:
        `${calls} ThinQ calls (link check included) for ${measured.requests} requests; budget ${QUOTA_BUDGET}/h, ${QUOTA_BUDGET - QUOTA_RESERVE} for reads; ` +
        `samples: ${samples.withAppliances}/${samples.total} devices/home with appliances (${samples.warned} warned UPSTREAM_QUOTA_EXHAUSTED), ` +
        `${samples.statuses - samples.frozen} statuses fresh and ${samples.frozen} stale with x-stale-reason UPSTREAM_QUOTA_EXHAUSTED; ` +
        `target calls <= budget, all 200 with appliances: ${ok ? 'met' : 'NOT met'}`,
    };
  } finally {
    await stopWorkers(quota);
  }
}

/** SIGTERM to a gateway started for one scenario (a primary stops its workers, then itself). */
async function stopWorkers(gateway: Gateway): Promise<void> {
  const proc = children.find((c) => c.pid === gateway.pid);
  if (proc) {
    await stopChild(proc);
    children.splice(children.indexOf(proc), 1);
  }
}

async function shutdown(): Promise<void> {
  for (const proc of [...children].reverse()) await stopChild(proc);
  for (const cleanup of cleanups.reverse()) await cleanup();
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
