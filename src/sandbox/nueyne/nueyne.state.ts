/**
 * The simulated Nueyne database. Records keep the upstream's column names (snake_case) so the
 * routes can answer with them directly; datetimes are naive `YYYY-MM-DDTHH:MM:SS` strings in
 * UTC, as a MySQL DATETIME column returns them.
 */

export type Product = 'lux' | 'legacy';

// ---------------------------------------------------------------------------------------------
// Lux

/**
 * `active` signs in; the others answer sign-in with their documented error:
 * `blocked` 423, `deleted` 410, `sms_required` 403, `signup_pending` 401.
 */
export type LuxAccountStatus = 'active' | 'blocked' | 'deleted' | 'sms_required' | 'signup_pending';

export interface LuxPolicy {
  is_push_agree: boolean;
  is_marketing_agree: boolean;
  push_agree_date: string | null;
  marketing_agree_date: string | null;
}

export interface LuxUser {
  id: number;
  email: string;
  password: string;
  status: LuxAccountStatus;
  first_name: string;
  last_name: string;
  birthdate: string;
  gender: string;
  phone: string | null;
  is_phone_number_checked: boolean;
  /** `E` e-mail, `K` Kakao, `G` Google, `A` Apple. */
  register_type: string;
  /** The sign-in type row; null makes `DELETE /root-user` answer 404 `Sign in type is not found`. */
  sign_in_type: 'email' | 'social' | null;
  national_code: string;
  need_personal_info_update: boolean;
  password_changed_at: string;
  is_device_muted: boolean;
  is_device_alim_talk_enabled: boolean;
  is_basestation_alert_enabled: boolean;
  push_token: string | null;
  /** Null: no policy row (404 `User policy not found`). */
  policy: LuxPolicy | null;
  /** Rows the database cannot write: the "(서버 문의)" 409s of notification and real users. */
  corrupt: boolean;
}

/** A member ("real user", 자식 계정) of a Lux root user. */
export interface LuxRealUser {
  id: number;
  root_user_id: number;
  first_name: string;
  last_name: string;
  birthdate: string;
  gender: string;
  device_id: number | null;
  created_at: string;
  deleted: boolean;
}

export interface LuxDevice {
  id: number;
  serial_code: string | null;
  /** Four upper-case hex characters, the end of the BLE MAC address. */
  mac_id: string | null;
  unique_id: string;
  now_firmware_id: number;
  device_alias: string | null;
  last_log_file_id: number;
  real_user_id: number | null;
}

// ---------------------------------------------------------------------------------------------
// Elexir Legacy

/** `active` signs in; `blocked` 423, `deleted` 410, `unverified` 403. */
export type LegacyAccountStatus = 'active' | 'blocked' | 'deleted' | 'unverified';

export interface LegacyUser {
  id: number;
  email: string;
  password: string;
  status: LegacyAccountStatus;
  /** The sign-up facts `find-id` matches (`010-1234-5678`, `yyyy-mm-dd`, `M`/`F`). */
  phone?: string;
  birthdate?: string;
  gender?: string;
  username?: string;
  /** The rest of the sign-up body, as sent. */
  signup?: Record<string, unknown>;
}

export interface LegacyModel {
  id: number;
  modelname: string;
}

export interface LegacyDevice {
  id: number;
  /** Null: the factory never gave it a serial code (check-device 400 `This device is not registered`). */
  serial_code: string | null;
  user_id: number | null;
  /** A model id missing from `models` makes the device's rows unreadable (the "서버 관리자 문의" errors). */
  model_id: number;
  mac_id: string | null;
  unique_id: string;
  regdate: string;
}

export interface LegacyDevlog {
  id: number;
  /** The account that uploaded it (not on the wire); `my-devlog` lists the caller's uploads. */
  owner_id: number;
  user_id: number;
  model_id: number;
  device_id: number;
  fversion: number;
  logdate: string;
  mode: number;
  finish_flag: number;
  last_intensity: number;
  treatment_time: number;
  event_num: number;
  log_data: string;
  regdate: string;
}

export interface LegacyTempLog {
  id: number;
  owner_id: number;
  user_id: number;
  model_id: number;
  device_id: number;
  unique_id: string;
  finish_flag: number;
  /** As pydantic echoes it. */
  start_date: string;
  /** As sent: "" while the session runs. */
  last_date: string;
  regdate: string;
  updated: string;
}

export interface NueyneState {
  lux: {
    users: LuxUser[];
    realUsers: LuxRealUser[];
    devices: LuxDevice[];
  };
  legacy: {
    users: LegacyUser[];
    models: LegacyModel[];
    devices: LegacyDevice[];
    devlogs: LegacyDevlog[];
    tempLogs: LegacyTempLog[];
  };
}

/** The next auto-increment id of a table. */
export function nextId(rows: readonly { id: number }[]): number {
  return rows.reduce((max, row) => Math.max(max, row.id), 0) + 1;
}
