/**
 * Wire shapes of the Elexir Legacy device API (seed page 000), snake_case as sent.
 * Nothing outside src/upstreams/nueyne/ may import these.
 */

/** One item of `GET /api/v1/legacy/device/my-devices`. */
export interface LegacyDeviceVendor {
  id: number;
  serialcode: string | null;
  user_id: number | null;
  model_id: number;
  /** Migrated rows hold odd values here (the seed page's example holds a date). */
  mac_id: string | null;
  unique_id: string;
  modelname: string | null;
  /** Timestamp without an offset, e.g. `2023-06-01T00:00:00`. */
  regdate: string | null;
}

/** `GET /api/v1/legacy/device/check-device?unique_id=` answer. */
export interface LegacyCheckedDeviceVendor {
  serial_code: string | null;
  user_id: number | null;
  mac_id: string | null;
  model_id: number;
  unique_id: string;
  id: number;
  regdate: string | null;
}

/** `POST /api/v1/legacy/device/set-my-device` query. */
export interface LegacySetMyDeviceQueryVendor {
  serial_code: string;
  mac_id?: string;
  unique_id: string;
  [key: string]: string | undefined;
}

/** `POST /api/v1/legacy/device/devlog` body and answer (the answer echoes the body). */
export interface LegacyDevlogInputVendor {
  user_id: number;
  model_id: number;
  device_id: number;
  fversion: number;
  /** ISO 8601 timestamp. */
  logdate: string;
  mode: number;
  finish_flag: number;
  last_intensity: number;
  treatment_time: number;
  event_num: number;
  log_data: string;
}

/** One item of `GET /api/v1/legacy/device/my-devlog/{yyyy-mm}`: the stored log. */
export interface LegacyDevlogVendor extends LegacyDevlogInputVendor {
  id?: number;
  regdate?: string | null;
}

/** `POST /api/v1/elexir/device/devlog/temp` body and answer. */
export interface LegacyTempLogVendor {
  user_id: number;
  model_id: number;
  device_id: number;
  unique_id: string;
  /** 0 while the session runs; the finish type afterwards. */
  finish_flag: number;
  start_date: string;
  /** `""` while the session runs. */
  last_date: string;
}
