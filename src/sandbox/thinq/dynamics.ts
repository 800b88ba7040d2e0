import type { DeviceRecord, JsonObject } from './demo-data';

/** A running washer or dryer takes one minute off its remaining time per simulated minute. */
export const LAUNDRY_TICK_MS = 60_000;
/** An air conditioner's room temperature moves 0.5 °C toward its goal every 30 s. */
export const TEMPERATURE_TICK_MS = 30_000;
export const TEMPERATURE_STEP = 0.5;
/** Where a room drifts back to while the air conditioner is off. */
export const ROOM_TEMPERATURE = 28;
/** An air purifier's sensor readings move every minute, along a slow triangle wave. */
export const AIR_QUALITY_TICK_MS = 60_000;
/** The wave's offsets per minute (period of 8 minutes, net change 0 over a period). */
const AIR_QUALITY_WAVE = [0, 1, 2, 1, 0, -1, -2, -1];
const AIR_QUALITY_READINGS = ['PM1', 'PM2', 'PM10'];

function plain(device: DeviceRecord, resource: string): JsonObject | undefined {
  const value = device.status[resource];
  return value && !Array.isArray(value) ? value : undefined;
}

function isLaundry(type: string): boolean {
  return /^DEVICE_(WASHTOWER_)?(WASHER|DRYER)$/.test(type);
}

function wave(tick: number): number {
  const period = AIR_QUALITY_WAVE.length;
  return AIR_QUALITY_WAVE[((tick % period) + period) % period];
}

/**
 * The simulated devices change on their own between calls, so a client watching them sees what
 * a real home does: a running washer or dryer counts its remaining time down and ends its cycle
 * (runState END), an air conditioner's room temperature drifts toward its target while it runs
 * (and back toward 28 °C while it is off), and a running air purifier's particle readings move.
 * (ThinQ's refrigerator reports only target temperatures, so it has nothing to drift.)
 *
 * Nothing runs on a timer: a device is brought up to date from the simulator's clock each time it
 * is read or changed, by the number of ticks (fixed periods counted from `origin`) that passed
 * since it was last brought up to date. The same clock readings give the same states, so tests
 * drive it with the simulator's `now` option.
 */
export class DeviceDynamics {
  private origin: number;
  /** The time each device was last brought up to date. */
  private readonly advancedTo = new Map<string, number>();

  constructor(private readonly now: () => number) {
    this.origin = now();
  }

  /** Starts the clock again (the simulator's reset): every device as it is, from now. */
  reset(): void {
    this.origin = this.now();
    this.advancedTo.clear();
  }

  /** Brings the device up to the current time. */
  advance(device: DeviceRecord): void {
    const now = this.now();
    const from = this.advancedTo.get(device.deviceId) ?? this.origin;
    this.advancedTo.set(device.deviceId, Math.max(from, now));
    if (now <= from) return;
    const ticks = (period: number) =>
      Math.floor((now - this.origin) / period) - Math.floor((from - this.origin) / period);
    const type = device.deviceInfo.deviceType;
    if (isLaundry(type)) this.countDown(device, ticks(LAUNDRY_TICK_MS));
    if (type === 'DEVICE_AIR_CONDITIONER') this.drift(device, ticks(TEMPERATURE_TICK_MS));
    if (type === 'DEVICE_AIR_PURIFIER') {
      const last = Math.floor((from - this.origin) / AIR_QUALITY_TICK_MS);
      this.sense(device, last, last + ticks(AIR_QUALITY_TICK_MS));
    }
  }

  private countDown(device: DeviceRecord, minutes: number): void {
    const runState = plain(device, 'runState');
    const timer = plain(device, 'timer');
    if (minutes <= 0 || runState?.currentState !== 'RUNNING' || !timer) return;
    const hour = typeof timer.remainHour === 'number' ? timer.remainHour : 0;
    const minute = typeof timer.remainMinute === 'number' ? timer.remainMinute : 0;
    const remaining = Math.max(0, hour * 60 + minute - minutes);
    timer.remainHour = Math.floor(remaining / 60);
    timer.remainMinute = remaining % 60;
    if (remaining === 0) runState.currentState = 'END';
  }

  private drift(device: DeviceRecord, steps: number): void {
    const temperature = plain(device, 'temperature');
    const current = temperature?.currentTemperature;
    if (steps <= 0 || !temperature || typeof current !== 'number') return;
    const on = plain(device, 'operation')?.airConOperationMode === 'POWER_ON';
    const target = temperature.targetTemperature;
    const goal = on && typeof target === 'number' ? target : ROOM_TEMPERATURE;
    const distance = goal - current;
    const move = Math.min(Math.abs(distance), steps * TEMPERATURE_STEP);
    temperature.currentTemperature = current + Math.sign(distance) * move;
  }

  private sense(device: DeviceRecord, fromTick: number, toTick: number): void {
    const sensor = plain(device, 'airQualitySensor');
    const on = plain(device, 'operation')?.airPurifierOperationMode === 'POWER_ON';
    if (toTick <= fromTick || !sensor || !on) return;
    const change = wave(toTick) - wave(fromTick);
    for (const reading of AIR_QUALITY_READINGS) {
      const value = sensor[reading];
      if (typeof value === 'number') sensor[reading] = Math.max(0, value + change);
    }
  }
}
