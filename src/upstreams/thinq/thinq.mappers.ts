import type { ThinqDeviceVendor } from './vendor/thinq.vendor';

/** A ThinQ device with its `deviceInfo` flattened in (what the rest of the gateway sees). */
export interface ThinqDevice {
  deviceId: string;
  deviceType: string;
  modelName: string;
  alias: string;
  reportable: boolean;
  codeName?: string;
  groupId?: string;
}

/** `{deviceId, deviceInfo: {...}}` -> `{deviceId, deviceType, modelName, alias, reportable, ...}`. */
export function toThinqDevice(vendor: ThinqDeviceVendor): ThinqDevice {
  const info = vendor.deviceInfo ?? {};
  const device: ThinqDevice = {
    deviceId: String(vendor.deviceId),
    deviceType: String(info.deviceType ?? ''),
    modelName: String(info.modelName ?? ''),
    alias: String(info.alias ?? ''),
    reportable: info.reportable === true,
  };
  if (typeof info.codeName === 'string') device.codeName = info.codeName;
  if (typeof info.groupId === 'string' && info.groupId !== '') device.groupId = info.groupId;
  return device;
}
