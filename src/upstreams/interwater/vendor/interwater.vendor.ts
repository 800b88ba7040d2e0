/**
 * Interwater s-connector server API shapes, as seed page 003 shows them. Nothing here leaves
 * `src/upstreams/interwater/`: the mappers turn them into the models in `interwater.models.ts`.
 */

/** Every answer: `{status: true, data}` on success, `{status: false, message?}` on failure. */
export interface InterwaterEnvelopeVendor<T> {
  status?: boolean;
  data?: T;
  /** Present on failures (undocumented; the simulator and Express-style servers send it). */
  message?: string;
}

/** `GET /v1/info` data. */
export interface InterwaterLicenseVendor {
  domain: string;
  roomLimit: number;
  /** 0 or 1. */
  enabled: number;
  /** e.g. `2020-12-22T15:00:00.000Z`. */
  createdAt: string;
}

/** One item of `GET /v1/sessions`, and `GET /v1/sessions/:room_name` data. */
export interface InterwaterSessionVendor {
  status: 'WAIT' | 'ON_GOING';
  /** Participants in the room now. */
  user: number;
  roomName: string;
}

/** One row of `GET /v1/static` `detail`. */
export interface InterwaterUsageRowVendor {
  roomName: string;
  sessionTimeSecond: number;
  createdAt: string;
}

/** `GET /v1/static` data. */
export interface InterwaterUsageVendor {
  domain: string;
  totalSecond: number;
  detail: InterwaterUsageRowVendor[];
}

/** `GET /v1/static` query. */
export interface InterwaterUsageQueryVendor {
  startTime: string;
  endTime?: string;
}
