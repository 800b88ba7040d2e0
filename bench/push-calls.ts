/**
 * Row s.3 of `npm run bench` (bench/scenarios/streams.ts calls it): ThinQ calls per watched
 * device-hour, ThinQ push against polling, in the same run.
 *
 * Twice, on a gateway of its own each (THINQ_PUSH on, then off; APPLIANCE_EVENTS_POLL_MS at its
 * default unless BENCH_CALLS_POLL_MS): one session opens one event stream on each of
 * BENCH_CALLS_DEVICES (3) reportable demo appliances; the calls of the first BENCH_CALLS_SETUP_S
 * (12) seconds are the start (registration, subscriptions, the first reads); the simulator's
 * status reads over the next BENCH_CALLS_WINDOW_S (30) seconds are scaled to one device-hour.
 * With push, a watched appliance is also read every APPLIANCE_EVENTS_PUSH_SAFETY_POLL_MS (10 min
 * by default), which a short window does not reach: the row adds those reads by that interval.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import {
  closeAll,
  openClient,
  pushLive,
  session,
  streamsEnv,
  thinqCounts,
  StreamsContext,
} from './streams';

const env = process.env;
const DEVICES = Number(env.BENCH_CALLS_DEVICES ?? 3);
const SETUP_S = Number(env.BENCH_CALLS_SETUP_S ?? 12);
const WINDOW_S = Number(env.BENCH_CALLS_WINDOW_S ?? 30);
/** The gateway's default (APPLIANCE_EVENTS_POLL_MS) unless set. */
export const CALLS_POLL_MS = Number(env.BENCH_CALLS_POLL_MS ?? 5000);
/** The gateway's default APPLIANCE_EVENTS_PUSH_SAFETY_POLL_MS. */
const SAFETY_POLL_MS = 10 * 60 * 1000;
const STATUS_ROUTE = 'GET /v2/devices/status/:deviceId';

export interface CallsMode {
  push: boolean;
  devices: number;
  windowSeconds: number;
  /** ThinQ calls (every /v2 route) in the start, and of those status reads. */
  setupCalls: number;
  setupReads: number;
  /** Status reads in the window, and every ThinQ call in it. */
  windowReads: number;
  windowCalls: number;
  /** windowReads scaled to one device and one hour (with push, plus the safety reads). */
  readsPerDeviceHour: number;
  /** Whether the push session was live before the window (push mode only). */
  live?: boolean;
}

const thinqCalls = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([route]) => route.includes(' /v2/'))
    .reduce((total, [, count]) => total + count, 0);

async function measure(context: StreamsContext, push: boolean): Promise<CallsMode> {
  const gateway = await context.start(
    // The streams gateways' variables (the sign-in limit lifted: earlier rows signed in often).
    streamsEnv({
      THINQ_PUSH: push ? 'on' : 'off',
      APPLIANCE_EVENTS_POLL_MS: String(CALLS_POLL_MS),
    }),
    push ? 'calls-push' : 'calls-poll',
  );
  const devices = [
    THINQ_DEVICE_IDS.airConditioner,
    THINQ_DEVICE_IDS.airPurifier,
    THINQ_DEVICE_IDS.refrigerator,
    THINQ_DEVICE_IDS.washer,
    THINQ_DEVICE_IDS.washtowerWasher,
    THINQ_DEVICE_IDS.washtowerDryer,
  ].slice(0, DEVICES);
  const clients: Awaited<ReturnType<typeof openClient>>[] = [];
  try {
    const start = await thinqCounts(context.thinq);
    const token = await session(gateway.url);
    for (const deviceId of devices) {
      clients.push(
        await openClient(gateway.url, `/v1/appliances/events?deviceId=${deviceId}`, token),
      );
    }
    await sleep(SETUP_S * 1000);
    const live = push ? await pushLive(gateway, 0) : undefined;
    const before = await thinqCounts(context.thinq);
    await sleep(WINDOW_S * 1000);
    const after = await thinqCounts(context.thinq);
    const windowReads = (after[STATUS_ROUTE] ?? 0) - (before[STATUS_ROUTE] ?? 0);
    const perHour = (windowReads / devices.length) * (3600 / WINDOW_S);
    const result: CallsMode = {
      push,
      devices: devices.length,
      windowSeconds: WINDOW_S,
      setupCalls: thinqCalls(before) - thinqCalls(start),
      setupReads: (before[STATUS_ROUTE] ?? 0) - (start[STATUS_ROUTE] ?? 0),
      windowReads,
      windowCalls: thinqCalls(after) - thinqCalls(before),
      readsPerDeviceHour: push ? perHour + 3_600_000 / SAFETY_POLL_MS : perHour,
      live,
    };
    context.log(
      `s.3 push ${push ? 'on' : 'off'}: start ${result.setupCalls} ThinQ calls (${result.setupReads} status reads), ` +
        `window ${WINDOW_S} s: ${windowReads} status reads of ${result.windowCalls} calls${push ? `, live ${live}` : ''}`,
    );
    return result;
  } finally {
    closeAll(clients);
    await context.stop(gateway);
  }
}

/** Push on, then off: the ThinQ calls of watching DEVICES appliances. */
export async function pushCallsScenario(
  context: StreamsContext,
): Promise<{ push: CallsMode; poll: CallsMode }> {
  const push = await measure(context, true);
  const poll = await measure(context, false);
  return { push, poll };
}
