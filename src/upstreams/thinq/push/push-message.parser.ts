import { isObject } from '../../../common/is-object';
import type { ThinqPushMessageVendor } from '../vendor/push.vendor';
import type { ThinqPushEvent } from './thinq-event-channel';

/** AWS IoT Core's largest message is 128 KiB; anything far beyond is no ThinQ message. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** What one message was: an event, a message of a kind the gateway does not use, or malformed. */
export type ParsedPushMessage =
  | { outcome: 'event'; event: ThinqPushEvent }
  | { outcome: 'ignored'; pushType: string }
  | { outcome: 'malformed' };

const MALFORMED = { outcome: 'malformed' } as const;

/** Keys that would reach an object's prototype when the report is merged into a status. */
function safeKeys(key: string, value: unknown): unknown {
  return key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * One MQTT message of ThinQ's push topic, as LG's SDK and Home Assistant's lg_thinq read it:
 * a JSON object with `pushType` and `deviceId`; DEVICE_STATUS carries `report` (the changed
 * part of the status), DEVICE_PUSH `pushCode`, the device list messages `alias` when they have
 * one. Never throws: anything else is malformed (or, with an unknown `pushType`, ignored).
 */
export function parsePushMessage(payload: Buffer | string): ParsedPushMessage {
  const raw = typeof payload === 'string' ? payload : payload.toString('utf8');
  if (Buffer.byteLength(raw) > MAX_MESSAGE_BYTES) return MALFORMED;
  let value: unknown;
  try {
    value = JSON.parse(raw, safeKeys);
  } catch {
    return MALFORMED;
  }
  if (!isObject(value)) return MALFORMED;
  const message = value as ThinqPushMessageVendor;
  const pushType = text(message.pushType);
  const deviceId = text(message.deviceId);
  if (pushType === undefined || deviceId === undefined) return MALFORMED;
  const alias = text(message.alias);
  const named = alias !== undefined ? { alias } : {};
  switch (pushType) {
    case 'DEVICE_STATUS':
      if (!isObject(message.report)) return MALFORMED;
      return { outcome: 'event', event: { kind: 'status', deviceId, status: message.report } };
    case 'DEVICE_PUSH': {
      const code = text(message.pushCode);
      if (code === undefined) return MALFORMED;
      return { outcome: 'event', event: { kind: 'notification', deviceId, code } };
    }
    case 'DEVICE_REGISTERED':
      return { outcome: 'event', event: { kind: 'deviceAdded', deviceId, ...named } };
    case 'DEVICE_UNREGISTERED':
      return { outcome: 'event', event: { kind: 'deviceRemoved', deviceId, ...named } };
    case 'DEVICE_ALIAS_CHANGED':
      return { outcome: 'event', event: { kind: 'deviceRenamed', deviceId, ...named } };
    default:
      return { outcome: 'ignored', pushType };
  }
}
