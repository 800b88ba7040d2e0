/** ThinQ Connect v2 shapes as LG sends them (seed page 002); never leave src/upstreams/thinq. */

/** Every answer: `responseCode` "0000" and the payload in `response`, or an error. */
export interface ThinqEnvelopeVendor<T> {
  messageId?: string;
  requestId?: string;
  timestamp?: string;
  statusCode?: number;
  responseCode: string;
  response: T;
}

export interface ThinqErrorBodyVendor {
  error?: { code?: string; message?: string };
}

export interface ThinqDeviceInfoVendor {
  deviceType: string;
  modelName: string;
  alias: string;
  reportable: boolean;
  codeName?: string;
  /** Only for DEVICE_WASHTOWER_WASHER and DEVICE_WASHTOWER_DRYER. */
  groupId?: string;
}

export interface ThinqDeviceVendor {
  deviceId: string;
  deviceInfo: ThinqDeviceInfoVendor;
}
