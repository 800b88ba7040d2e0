import { applyCommand, checkState, parseCommand } from './commands';
import { DeviceDynamics } from './dynamics';
import { createDemoDevices, THINQ_USERS, type DeviceRecord, type DeviceStatus } from './demo-data';
import { ThinqError } from './errors';
import { diffStatus } from './status-diff';

const HOUR_MS = 60 * 60 * 1000;

/** ISO 3166-1 alpha-2 codes (all 249 officially assigned). */
const ISO_COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
    'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
    'DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS ' +
    'GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
    'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
    'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
    'VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

export const REQUIRED_HEADERS = [
  'authorization',
  'x-message-id',
  'x-service-id',
  'x-service-key',
  'x-country-code',
] as const;

/** Told about a device's status changes, with only what changed (shaped like the status). */
export interface StatusChangeListener {
  /** Whether anyone hears about this device now (if not, no copy and diff is made). */
  watches(device: DeviceRecord): boolean;
  changed(device: DeviceRecord, report: DeviceStatus): void;
}

export interface ThinqStateConfig {
  serviceId: string;
  serviceKey: string;
  hourlyQuota: number;
  serviceHourlyQuota: number;
  now: () => number;
}

/** Everything the ThinQ simulator remembers between calls. */
export class ThinqState {
  devices = new Map<string, DeviceRecord>();
  tokens = new Map<string, string>();
  hourlyQuota: number;
  serviceHourlyQuota: number;
  private readonly seenMessageIds = new Set<string>();
  private readonly userCalls = new Map<string, number[]>();
  private serviceCalls: number[] = [];
  /** How the devices change on their own between calls (brought up to date when read). */
  readonly dynamics: DeviceDynamics;
  /** Told about every status change: commands, patches and the devices' own (the push). */
  onStatusChange: StatusChangeListener | undefined;

  constructor(readonly config: ThinqStateConfig) {
    this.hourlyQuota = config.hourlyQuota;
    this.serviceHourlyQuota = config.serviceHourlyQuota;
    this.dynamics = new DeviceDynamics(config.now);
    this.reset();
  }

  reset(): void {
    this.dynamics.reset();
    this.devices = new Map(createDemoDevices().map((device) => [device.deviceId, device]));
    this.tokens = new Map(Object.entries(THINQ_USERS));
    this.hourlyQuota = this.config.hourlyQuota;
    this.serviceHourlyQuota = this.config.serviceHourlyQuota;
    this.seenMessageIds.clear();
    this.userCalls.clear();
    this.serviceCalls = [];
  }

  /**
   * The common-header checks, in order: presence (1101; `moreHeaders` are required too), message-id format and reuse (1104),
   * service id/key (1216), country code (1102), token (1103), rate limits (1306, 1314).
   * Returns the user id the token belongs to.
   */
  authenticate(
    headers: Record<string, string | string[] | undefined>,
    moreHeaders: readonly string[] = [],
  ): string {
    const header = (name: string): string | undefined => {
      const value = headers[name];
      const text = Array.isArray(value) ? value[0] : value;
      return text === undefined || text.trim() === '' ? undefined : text.trim();
    };
    const missing = [...REQUIRED_HEADERS, ...moreHeaders].filter(
      (name) => header(name) === undefined,
    );
    if (missing.length > 0) {
      throw new ThinqError('1101', `Missing parameters: header ${missing.join(', ')}`);
    }
    const messageId = header('x-message-id') as string;
    if (!isValidMessageId(messageId)) {
      throw new ThinqError(
        '1104',
        'Invalid message id: x-message-id must be url-safe base64 of 16 bytes without padding',
      );
    }
    if (this.seenMessageIds.has(messageId)) {
      throw new ThinqError('1104', 'Invalid message id: x-message-id was already used');
    }
    this.seenMessageIds.add(messageId);
    if (header('x-service-id') !== this.config.serviceId) {
      throw new ThinqError('1216', 'Incorrect header: unknown x-service-id');
    }
    if (header('x-service-key') !== this.config.serviceKey) {
      throw new ThinqError('1216', 'Incorrect header: x-service-key does not match x-service-id');
    }
    const country = header('x-country-code') as string;
    if (!ISO_COUNTRIES.has(country)) {
      throw new ThinqError(
        '1102',
        'Unacceptable parameters: x-country-code must be an ISO 3166-1 alpha-2 code',
      );
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header('authorization') as string);
    const userId = match ? this.tokens.get(match[1]) : undefined;
    if (!match || !userId) throw new ThinqError('1103', 'Invalid token');
    this.consumeQuota(match[1]);
    return userId;
  }

  private consumeQuota(token: string): void {
    const now = this.config.now();
    const since = now - HOUR_MS;
    this.serviceCalls = this.serviceCalls.filter((at) => at > since);
    if (this.serviceCalls.length >= this.serviceHourlyQuota) {
      throw new ThinqError('1306', 'Exceeded API calls');
    }
    const calls = (this.userCalls.get(token) ?? []).filter((at) => at > since);
    this.userCalls.set(token, calls);
    if (calls.length >= this.hourlyQuota) {
      throw new ThinqError('1314', 'Exceeded user API calls');
    }
    calls.push(now);
    this.serviceCalls.push(now);
  }

  /** Calls counted against a token's quota in the current rolling hour. */
  callsInWindow(token: string): number {
    const since = this.config.now() - HOUR_MS;
    return (this.userCalls.get(token) ?? []).filter((at) => at > since).length;
  }

  /** Every device, brought up to date (the sandbox's state routes). */
  allDevices(): DeviceRecord[] {
    const devices = [...this.devices.values()];
    for (const device of devices) this.advance(device);
    return devices;
  }

  /** Brings a device up to the clock (its own changes are reported like any other). */
  advance(device: DeviceRecord): void {
    this.tracked(device, () => this.dynamics.advance(device));
  }

  /** Runs a change of the device's status and reports what changed, if anything. */
  private tracked(device: DeviceRecord, change: () => void): void {
    const listener = this.onStatusChange;
    if (!listener?.watches(device)) {
      change();
      return;
    }
    const before = structuredClone(device.status);
    change();
    const report = diffStatus(before, device.status);
    if (report) listener.changed(device, report);
  }

  devicesOf(userId: string): DeviceRecord[] {
    return [...this.devices.values()].filter((device) => device.ownerId === userId);
  }

  /** The user's device, or 1205 (no such device) / 1212 (someone else's). */
  deviceFor(userId: string, deviceId: string): DeviceRecord {
    const device = this.devices.get(deviceId);
    if (!device) throw new ThinqError('1205', 'Not registered device');
    if (device.ownerId !== userId) throw new ThinqError('1212', 'Not owned device');
    this.advance(device);
    return device;
  }

  /** Like `deviceFor`, and 1222 when the device is offline. */
  connectedDeviceFor(userId: string, deviceId: string): DeviceRecord {
    const device = this.deviceFor(userId, deviceId);
    if (!device.online) throw new ThinqError('1222', 'Not connected device');
    return device;
  }

  control(userId: string, deviceId: string, command: unknown): void {
    const device = this.connectedDeviceFor(userId, deviceId);
    const assignments = parseCommand(device, command);
    checkState(device, assignments);
    this.tracked(device, () => applyCommand(device, assignments));
  }

  /** A device by id for test handles; throws a plain Error when unknown. */
  mustGet(deviceId: string): DeviceRecord {
    const device = this.devices.get(deviceId);
    if (!device) throw new Error(`ThinQ simulator: unknown device ${deviceId}`);
    this.advance(device);
    return device;
  }

  /** Merges a partial status without any checks (located resources merge by locationName). */
  patchStatus(deviceId: string, patch: DeviceStatus): void {
    const device = this.mustGet(deviceId);
    this.tracked(device, () => mergeStatus(device, patch));
  }
}

/** Merges a partial status (located resources merge by locationName). */
function mergeStatus(device: DeviceRecord, patch: DeviceStatus): void {
  for (const [resource, value] of Object.entries(patch)) {
    const current = device.status[resource];
    if (Array.isArray(value)) {
      const list = Array.isArray(current) ? current : [];
      for (const entry of value) {
        const existing = list.find((item) => item.locationName === entry.locationName);
        if (existing) Object.assign(existing, structuredClone(entry));
        else list.push(structuredClone(entry));
      }
      device.status[resource] = list;
    } else {
      const base = current && !Array.isArray(current) ? current : {};
      device.status[resource] = { ...base, ...structuredClone(value) };
    }
  }
}

/** url-safe base64 of exactly 16 bytes, no padding: 22 characters that round-trip. */
export function isValidMessageId(id: string): boolean {
  if (!/^[A-Za-z0-9_-]{22}$/.test(id)) return false;
  const bytes = Buffer.from(id, 'base64url');
  return bytes.length === 16 && bytes.toString('base64url') === id;
}
