/**
 * Scenario s of `npm run bench` (bench/scenarios/streams.ts calls it): server-sent appliance events.
 *
 * - s.1, memory: how many open streams (each following every appliance of the account, as a home
 *   screen does) one gateway process holds with its RSS under 200 MB. Streams are opened in
 *   batches of BENCH_STREAMS_BATCH from many sessions (BENCH_STREAMS_PER_SESSION each) until RSS
 *   reaches BENCH_STREAMS_RSS_MB or BENCH_STREAMS_MAX streams are open; RSS is sampled after each
 *   batch, once the gateway is quiet again.
 * - s.2, fan-out: BENCH_STREAMS_FANOUT clients (default 1,000) on one device; the status is
 *   changed at the ThinQ simulator (its state route, no gateway involved) BENCH_STREAMS_ROUNDS
 *   times; each client notes when the change reaches it. Reported: from the change to the event
 *   and from the first client's event to each client's (the fan-out itself). Twice: with ThinQ
 *   push (the simulator publishes the change on its MQTT broker), on the gateway of s.1, and with
 *   THINQ_PUSH=off on a gateway of its own, where the latency includes waiting for the next poll
 *   (APPLIANCE_EVENTS_POLL_MS = BENCH_STREAMS_POLL_MS).
 *
 * The clients are raw TCP sockets in this process (an HTTP/1.1 request, then the bytes are read
 * and scanned, nothing kept), so the bench process's own memory stays small.
 */
import { connect, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const env = process.env;
const BATCH = Number(env.BENCH_STREAMS_BATCH ?? 500);
const PER_SESSION = Number(env.BENCH_STREAMS_PER_SESSION ?? 50);
const MAX_STREAMS = Number(env.BENCH_STREAMS_MAX ?? 15000);
const RSS_LIMIT_MB = Number(env.BENCH_STREAMS_RSS_MB ?? 200);
const FANOUT = Number(env.BENCH_STREAMS_FANOUT ?? 1000);
const ROUNDS = Number(env.BENCH_STREAMS_ROUNDS ?? 10);
export const STREAMS_POLL_MS = Number(env.BENCH_STREAMS_POLL_MS ?? 1000);

export interface StreamsGateway {
  url: string;
  pid: number;
  logFile: string;
}

export interface StreamsContext {
  thinq: string;
  /** Starts a gateway with these extra variables (bench/run.ts's startGateway). */
  start(extraEnv: Record<string, string>, name: string): Promise<StreamsGateway>;
  stop(gateway: StreamsGateway): Promise<void>;
  rssMb(pid: number): number | undefined;
  /** The gateway's live heap after a full GC, in MB (bench/gc-probe.js). */
  liveHeapMb(gateway: StreamsGateway): Promise<number | undefined>;
  log(text: string): void;
}

export interface FanoutResult {
  /** ThinQ push on (the default) or off (polling). */
  push: boolean;
  clients: number;
  rounds: number;
  missed: number;
  /** ThinQ status reads at the simulator while the rounds ran. */
  statusReads: number;
  /** Per round, from the change to the last client's event. */
  toLast: { p50: number; p99: number; max: number };
  fromChange: { p50: number; p99: number; max: number };
  spread: { p50: number; p99: number; max: number };
}

export interface StreamsResult {
  memory?: {
    streams: number;
    rssMb: number;
    baselineRssMb: number;
    kbPerStream: number;
    /** Of which live heap (after a full GC), per stream. */
    heapKbPerStream: number;
    stoppedBy: string;
    samples: { streams: number; rssMb: number; liveHeapMb?: number }[];
  };
  fanout: FanoutResult[];
}

/** A stream client that reads everything and remembers only when a marker first went by. */
interface Client {
  socket: Socket;
  /** Bytes received. */
  bytes: number;
  /** performance.now() when `marker` was first seen since it was set. */
  seenAt?: number;
  marker?: string;
  ok: boolean;
}

export function openClient(base: string, path: string, token: string): Promise<Client> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const client: Client = { socket: undefined as unknown as Socket, bytes: 0, ok: false };
    let tail = '';
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n\r\n`,
      );
    });
    client.socket = socket;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      client.bytes += chunk.length;
      const text = tail + chunk;
      if (!client.ok) {
        if (!text.includes('\r\n\r\n')) {
          tail = text.slice(-4096);
          return;
        }
        if (!text.startsWith('HTTP/1.1 200')) {
          reject(new Error(`stream refused: ${text.split('\r\n')[0]}`));
          socket.destroy();
          return;
        }
        client.ok = true;
        resolve(client);
      }
      if (client.marker && client.seenAt === undefined && text.includes(client.marker)) {
        client.seenAt = performance.now();
      }
      tail = text.slice(-256);
    });
    socket.on('error', (error) => {
      if (!client.ok) reject(error);
    });
  });
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text.slice(0, 200)}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** A new gateway session with the demo ThinQ account linked. */
export async function session(gateway: string): Promise<string> {
  const token = (
    (await post(
      `${gateway}/v1/auth/token`,
      'grant_type=password&provider=lux&username=demo%40junction.dev&password=junction-demo',
      { 'content-type': 'application/x-www-form-urlencoded' },
    )) as { access_token: string }
  ).access_token;
  const res = await fetch(`${gateway}/v1/me/links/thinq`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ accessToken: 'thinq-demo-token', countryCode: 'KR' }),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`link: ${res.status}`);
  return token;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function closeAll(clients: Client[]): void {
  for (const client of clients) client.socket.destroy();
  clients.length = 0;
}

/** Waits until the process's RSS stops moving (two samples 500 ms apart within 1 MB). */
async function settledRss(context: StreamsContext, pid: number): Promise<number> {
  let last = context.rssMb(pid) ?? NaN;
  for (let i = 0; i < 20; i += 1) {
    await sleep(500);
    const now = context.rssMb(pid) ?? NaN;
    if (Math.abs(now - last) < 1) return now;
    last = now;
  }
  return last;
}

/** The variables of every streams gateway, with these on top. */
export function streamsEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    APPLIANCE_EVENTS_POLL_MS: String(STREAMS_POLL_MS),
    APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION: String(PER_SESSION),
    // Every session of the run signs in and links from this one address, with one ThinQ token.
    RATE_LIMITS: JSON.stringify({
      default: { limit: 1_000_000_000, windowSeconds: 60 },
      auth: { limit: 1_000_000_000, windowSeconds: 60 },
    }),
    THINQ_HOURLY_CALL_BUDGET: '1000000',
    ...extra,
  };
}

const STATUS_ROUTE = 'GET /v2/devices/status/:deviceId';

/** ThinQ calls so far at the simulator, by route (bench/upstreams.ts counts them). */
export async function thinqCounts(thinq: string): Promise<Record<string, number>> {
  return (await (await fetch(`${thinq}/__bench/counts`)).json()) as Record<string, number>;
}

/** Waits until the gateway holds a live ThinQ push session (its metric), or the timeout. */
export async function pushLive(gateway: StreamsGateway, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    if (/^junction_appliance_event_push_sessions\{live="true"\} [1-9]/m.test(text)) return true;
    if (performance.now() >= deadline) return false;
    await sleep(100);
  }
}

/** s.1: streams of every appliance, until RSS reaches the limit. Leaves its sessions in `tokens`. */
async function memoryScenario(
  context: StreamsContext,
  gateway: StreamsGateway,
  tokens: string[],
): Promise<NonNullable<StreamsResult['memory']>> {
  const clients: Client[] = [];
  try {
    const baselineRssMb = await settledRss(context, gateway.pid);
    const samples: NonNullable<StreamsResult['memory']>['samples'] = [
      { streams: 0, rssMb: baselineRssMb, liveHeapMb: await context.liveHeapMb(gateway) },
    ];
    let stoppedBy = `BENCH_STREAMS_MAX (${MAX_STREAMS})`;
    while (clients.length < MAX_STREAMS) {
      const batch = Math.min(BATCH, MAX_STREAMS - clients.length);
      const needed = Math.ceil((clients.length + batch) / PER_SESSION);
      while (tokens.length < needed) tokens.push(await session(gateway.url));
      const start = clients.length;
      const opened = await Promise.all(
        Array.from({ length: batch }, (_, i) =>
          openClient(
            gateway.url,
            '/v1/appliances/events',
            tokens[Math.floor((start + i) / PER_SESSION)],
          ),
        ),
      );
      clients.push(...opened);
      const rssMb = await settledRss(context, gateway.pid);
      const liveHeapMb = await context.liveHeapMb(gateway);
      samples.push({ streams: clients.length, rssMb, liveHeapMb });
      context.log(
        `s.1: ${clients.length} streams, RSS ${rssMb.toFixed(0)} MB, live heap ${liveHeapMb?.toFixed(1) ?? '?'} MB`,
      );
      if (rssMb >= RSS_LIMIT_MB) {
        stoppedBy = `RSS ${RSS_LIMIT_MB} MB`;
        break;
      }
    }
    const under = samples.filter((s) => s.rssMb < RSS_LIMIT_MB).at(-1)!;
    const last = samples.at(-1)!;
    return {
      streams: under.streams,
      rssMb: under.rssMb,
      baselineRssMb,
      kbPerStream: last.streams > 0 ? ((last.rssMb - baselineRssMb) * 1024) / last.streams : NaN,
      heapKbPerStream:
        last.streams > 0
          ? (((last.liveHeapMb ?? NaN) - (samples[0].liveHeapMb ?? NaN)) * 1024) / last.streams
          : NaN,
      stoppedBy,
      samples,
    };
  } finally {
    closeAll(clients);
  }
}

/** s.2: FANOUT clients on one device; changes made at the simulator. */
async function fanoutScenario(
  context: StreamsContext,
  gateway: StreamsGateway,
  tokens: string[],
  push: boolean,
): Promise<FanoutResult> {
  const id = push ? 's.2' : 's.2p';
  const deviceId = 'TQS-3C1F2D7A-9B4E-4F61-A2D8-5E7C0B9F1A23'; // the demo refrigerator
  const clients: Client[] = [];
  try {
    const fanoutTokens = tokens.slice(0, Math.ceil(FANOUT / PER_SESSION));
    while (fanoutTokens.length < Math.ceil(FANOUT / PER_SESSION))
      fanoutTokens.push(await session(gateway.url));
    for (let i = 0; i < FANOUT; i += BATCH) {
      clients.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(BATCH, FANOUT - i) }, (_, j) =>
            openClient(
              gateway.url,
              `/v1/appliances/events?deviceId=${deviceId}`,
              fanoutTokens[Math.floor((i + j) / PER_SESSION)],
            ),
          ),
        )),
      );
    }
    if (push && !(await pushLive(gateway, 20000))) {
      throw new Error('s.2: the gateway opened no live ThinQ push session within 20 s');
    }
    // Push: the appliance's poller learns that push covers it within an interval.
    await sleep(STREAMS_POLL_MS * 2);
    const readsBefore = (await thinqCounts(context.thinq))[STATUS_ROUTE] ?? 0;
    const fromChange: number[] = [];
    const spread: number[] = [];
    const toLast: number[] = [];
    let missed = 0;
    for (let round = 1; round <= ROUNDS; round += 1) {
      const value = round * 1_000_000 + Math.floor(Math.random() * 1_000_000);
      const marker = `"benchRound":${value}`;
      for (const client of clients) {
        client.marker = marker;
        client.seenAt = undefined;
      }
      const changedAt = performance.now();
      const res = await fetch(`${context.thinq}/__sandbox/state/devices/${deviceId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: { bench: { benchRound: value } } }),
      });
      await res.arrayBuffer();
      const deadline = performance.now() + STREAMS_POLL_MS + 10000;
      while (clients.some((c) => c.seenAt === undefined) && performance.now() < deadline) {
        await sleep(push ? 1 : 10);
      }
      const seen = clients.filter((c) => c.seenAt !== undefined).map((c) => c.seenAt!);
      missed += clients.length - seen.length;
      const first = Math.min(...seen);
      for (const at of seen) {
        fromChange.push(at - changedAt);
        spread.push(at - first);
      }
      toLast.push(Math.max(...seen) - changedAt);
      context.log(
        `${id} round ${round}: ${seen.length}/${clients.length} clients, change -> first ${(first - changedAt).toFixed(1)} ms, last ${(Math.max(...seen) - changedAt).toFixed(1)} ms`,
      );
      await sleep(Math.random() * STREAMS_POLL_MS);
    }
    const statusReads = ((await thinqCounts(context.thinq))[STATUS_ROUTE] ?? 0) - readsBefore;
    const summary = (values: number[]) => ({
      p50: percentile(values, 50),
      p99: percentile(values, 99),
      max: Math.max(...values),
    });
    return {
      push,
      clients: FANOUT,
      rounds: ROUNDS,
      missed,
      statusReads,
      toLast: summary(toLast),
      fromChange: summary(fromChange),
      spread: summary(spread),
    };
  } finally {
    closeAll(clients);
  }
}

/**
 * s.1 and s.2 with push on one gateway (as before push, s.1 first), then s.2 with THINQ_PUSH=off
 * on a gateway of its own.
 */
export async function streamsScenario(
  context: StreamsContext,
  parts: { memory: boolean; fanout: boolean },
): Promise<StreamsResult> {
  const result: StreamsResult = { fanout: [] };
  const gateway = await context.start(streamsEnv(), 'streams');
  try {
    const tokens: string[] = [];
    if (parts.memory) {
      result.memory = await memoryScenario(context, gateway, tokens);
      await sleep(2000);
    }
    if (parts.fanout) result.fanout.push(await fanoutScenario(context, gateway, tokens, true));
  } finally {
    await context.stop(gateway);
  }
  if (parts.fanout) {
    const polling = await context.start(streamsEnv({ THINQ_PUSH: 'off' }), 'streams-poll');
    try {
      result.fanout.push(await fanoutScenario(context, polling, [], false));
    } finally {
      await context.stop(polling);
    }
  }
  return result;
}
