/** The processes, loads and measurements every bench scenario shares (bench/run.ts, bench/scenarios). */
import { RedisProcess, freePort, startRedis } from '../test/support/redis-server';
import { readFrom } from './soak';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(__dirname, '..');
export const env = process.env;
export const DURATION = Number(env.BENCH_DURATION ?? 10);
export const WARMUP = Number(env.BENCH_WARMUP ?? 2);
export const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
export const COLD_CONNECTIONS = Number(env.BENCH_COLD_CONNECTIONS ?? 200);
export const COLD_LATENCY_MS = Number(env.BENCH_COLD_LATENCY_MS ?? 100);
export const THREADS = Number(env.BENCH_THREADS ?? 1);
export const LATENCY_CONNECTIONS = Number(env.BENCH_LATENCY_CONNECTIONS ?? 1);
export const QUOTA_DURATION = Number(env.BENCH_QUOTA_DURATION ?? 60);
export const QUOTA_CONNECTIONS = Number(env.BENCH_QUOTA_CONNECTIONS ?? 100);
export const QUOTA_BUDGET = Number(env.BENCH_QUOTA_BUDGET ?? 40);
export const QUOTA_RESERVE = Number(env.BENCH_QUOTA_RESERVE ?? 4);
export const HOME_LATENCY_MS = Number(env.BENCH_HOME_LATENCY_MS ?? 20);
export const ONLY = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',')) : undefined;
export const has = (command: string) =>
  spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
export const TOOL = env.BENCH_TOOL ?? (has('wrk') ? 'wrk' : 'autocannon');
export const SOAK_SECONDS = Number(env.BENCH_SOAK_SECONDS ?? 600);
export const SOAK_CONNECTIONS = Number(env.BENCH_SOAK_CONNECTIONS ?? 100);
export const SOAK_SAMPLE_SECONDS = Number(env.BENCH_SOAK_SAMPLE_SECONDS ?? 5);
export const SOAK_GC_SECONDS = Number(env.BENCH_SOAK_GC_SECONDS ?? 60);
export const SOAK_IDLE_SECONDS = Number(env.BENCH_SOAK_IDLE_SECONDS ?? 60);
export const SOAK_FLAT_PERCENT = Number(env.BENCH_SOAK_FLAT_PERCENT ?? 5);
export const SOAK_SIGNINS_PER_SECOND = Number(env.BENCH_SOAK_SIGNINS_PER_SECOND ?? 1);
export const STATUS_FRESH_MS = 5000;
export const PREFIX = 'bench:';

export const THINQ_HEADERS = {
  authorization: 'Bearer thinq-demo-token',
  'x-service-id': 'junction-sandbox',
  'x-service-key': 'sandbox-service-key',
  'x-country-code': 'KR',
};

export interface Load {
  /** Paths, requested in turn. */
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  duration: number;
  /** Send a fresh ThinQ x-message-id with every request (ThinQ refuses a reused one). */
  messageIds?: boolean;
}

export interface Measured {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface Row extends Partial<Measured> {
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
export interface Verdict {
  id: string;
  target: string;
  result: string;
  met: boolean;
}

export const children: ChildProcess[] = [];
export const cleanups: (() => Promise<void> | void)[] = [];

export function child(command: string, args: string[], options: Parameters<typeof spawn>[2]) {
  const proc = spawn(command, args, options);
  children.push(proc);
  return proc;
}

export async function stopChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export async function waitHttp(url: string, timeoutMs = 30000): Promise<void> {
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

export interface Upstreams {
  nueyne: string;
  thinq: string;
  interwater: string;
  /** The ThinQ broker's CA (bench/upstreams.ts writes it): the gateways' THINQ_MQTT_CA_FILE. */
  thinqCaFile?: string;
}

export async function startUpstreams(): Promise<Upstreams> {
  const proc = child(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench/upstreams.ts')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: proc.stdout! });
  for await (const line of lines) {
    if (line.startsWith('{')) {
      lines.close();
      return JSON.parse(line) as Upstreams;
    }
  }
  throw new Error('the simulators did not start');
}

/** A service client every bench gateway knows (row k's token). */
export const BENCH_CLIENT = {
  id: 'bench-reports',
  secret: 'bench-reports-secret-0123456789',
  scopes: ['conference:read', 'conference:admin'],
};

export interface Gateway {
  url: string;
  pid: number;
  logFile: string;
}

// Every gateway of a run shares these, as replicas must: a token from one verifies on the other.
export const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
export const encryptionKey = randomBytes(32).toString('base64');

export async function startGateway(
  redis: RedisProcess,
  upstreams: Upstreams,
  dir: string,
  extraEnv: Record<string, string> = {},
  name = 'gateway',
  extraNodeArgs: string[] = [],
  /** A TypeScript entry point to run instead of the build's main.js (it finds the build itself). */
  script?: string,
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
    // ThinQ push (on by default) trusts the simulator's broker.
    ...(upstreams.thinqCaFile ? { THINQ_MQTT_CA_FILE: upstreams.thinqCaFile } : {}),
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
    // The service client of row k (a conference usage report needs conference:admin).
    GATEWAY_CLIENTS: JSON.stringify([BENCH_CLIENT]),
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
  const args = script
    ? [...nodeArgs, '-r', 'ts-node/register/transpile-only', join(ROOT, script)]
    : [...nodeArgs, main];
  if (script) gatewayEnv.BENCH_GATEWAY_DIST = dirname(main);
  const proc = child(process.execPath, args, {
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
export function startNginx(
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
export async function startBareNest(
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
export async function redisCommands(client: Redis): Promise<number> {
  const info = await client.info('commandstats');
  let total = 0;
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (match[1] !== 'info') total += Number(match[2]);
  }
  return total;
}

// ---- load generators ----

export function wrkScript(load: Load, file: string): void {
  const lua = `
local paths = { ${load.paths.map((p) => JSON.stringify(p)).join(', ')} }
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local last = "AQgw"
local counter = 0
local thread_id = 0
export function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end
export function init(args)
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

export async function runWrk(base: string, load: Load, dir: string): Promise<Measured> {
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

export function messageId(): string {
  return randomBytes(16).toString('base64url');
}

export async function runAutocannon(base: string, load: Load): Promise<Measured> {
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

export async function measure(
  base: string,
  load: Load,
  dir: string,
  warmup = WARMUP,
): Promise<Measured> {
  if (warmup > 0) await drive(base, { ...load, duration: warmup }, dir);
  return drive(base, load, dir);
}

export function drive(base: string, load: Load, dir: string): Promise<Measured> {
  return TOOL === 'wrk' ? runWrk(base, load, dir) : runAutocannon(base, load);
}

// ---- gateway process figures ----

/** Event-loop delay since the last scrape (prom-client resets its histogram on every scrape). */
export async function eventLoopLag(gateway: Gateway): Promise<{ p99Ms: number; maxMs: number }> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const read = (name: string) => {
    const match = new RegExp(`^junction_nodejs_eventloop_lag_${name}_seconds ([\\d.e+-]+)$`, 'm');
    return Number(match.exec(text)?.[1] ?? NaN) * 1000;
  };
  // monitorEventLoopDelay samples every 10 ms and records the whole interval: subtract it.
  return { p99Ms: Math.max(0, read('p99') - 10), maxMs: Math.max(0, read('max') - 10) };
}

export function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used, in ms (from /proc; clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** The process and its children's pids (the workers of GATEWAY_WORKERS > 1). */
export function tree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return [pid, ...children.split(' ').filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

/** The process and its children (the workers of GATEWAY_WORKERS > 1), each. */
export function treeRssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number[] {
  return tree(pid)
    .map((p) => rssMb(p, field))
    .filter((mb) => mb !== undefined);
}

export const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export async function upstreamCounts(base: string): Promise<Record<string, number>> {
  return (await (await fetch(`${base}/__bench/counts`)).json()) as Record<string, number>;
}

// ---- setup through the gateway ----

export async function json<T = Record<string, unknown>>(
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

export async function userToken(gateway: Gateway): Promise<string> {
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

export async function nueyneToken(nueyne: string): Promise<string> {
  const res = await json(`${nueyne}/api/v1/lux/auth/email/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'username=demo%40junction.dev&password=junction-demo',
    expect: [200],
  });
  return res.body.access_token as string;
}

// ---- output ----

export function fmt(value: number | undefined, digits = 0): string {
  return value === undefined || Number.isNaN(value) ? '' : value.toFixed(digits);
}

export function table(rows: Row[]): string {
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

/** SIGTERM to a gateway started for one scenario (a primary stops its workers, then itself). */
export async function stopWorkers(gateway: Gateway): Promise<void> {
  const proc = children.find((c) => c.pid === gateway.pid);
  if (proc) {
    await stopChild(proc);
    children.splice(children.indexOf(proc), 1);
  }
}

export async function shutdown(): Promise<void> {
  for (const proc of [...children].reverse()) await stopChild(proc);
  for (const cleanup of cleanups.reverse()) await cleanup();
}

/** Starts Redis, the simulators, the gateway and nginx, signs in, and hands every scenario what it needs. */
export async function startBench() {
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
  const soakReport: string[] = [];
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
  return {
    dir,
    redis,
    upstreams,
    gateway,
    nginxUrls,
    nginx,
    want,
    redisClient,
    verdicts,
    verdict,
    token,
    auth,
    devices,
    readable,
    device,
    statusPath,
    gatewayStatusPath,
    rows,
    soakReport,
    load,
    measureGateway,
    onGateway,
    measureBare,
    row,
    log,
  };
}

/** What every scenario gets: the processes the run started and the shared measuring helpers. */
export type BenchContext = Awaited<ReturnType<typeof startBench>>;
