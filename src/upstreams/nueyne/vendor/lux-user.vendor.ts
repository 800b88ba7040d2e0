/**
 * Wire shapes of the Lux user API (seed page 001, `/api/v1/lux/user/...`), snake_case as sent.
 * Nothing outside src/upstreams/nueyne/ may import these.
 */

/** The profile fields `GET me` and `PATCH root-user` both answer. */
export interface LuxProfileFieldsVendor {
  first_name: string | null;
  last_name: string | null;
  /** `yyyymmdd` (may be empty for accounts that never filled it in). */
  birthdate: string | null;
  gender: string | null;
  phone: string | null;
  is_phone_number_checked: boolean | number;
  register_type: string | null;
}

/** `GET /api/v1/lux/user/me`. */
export interface LuxMeVendor extends LuxProfileFieldsVendor {
  root_user_id: number;
  national_code: string | null;
  need_personal_info_update: boolean | number;
  need_to_pwd_change: boolean | number;
  is_device_muted: boolean | number;
  is_device_alim_talk_enabled: boolean | number;
  is_basestation_alert_enabled: boolean | number;
}

/** `PATCH /api/v1/lux/user/root-user` body: every field optional. */
export interface LuxProfileUpdateVendor {
  first_name?: string;
  last_name?: string;
  /** `yyyymmdd`. */
  birthdate?: string;
  gender?: string;
}

/** `PATCH /api/v1/lux/user/root-user` answer. */
export interface LuxRootUserVendor extends LuxProfileFieldsVendor {
  id: number;
}

/** `PATCH /api/v1/lux/user/policy` body. */
export interface LuxPolicyUpdateVendor {
  is_push_agree?: boolean;
  is_marketing_agree?: boolean;
}

/** `PATCH /api/v1/lux/user/policy` answer; dates are timestamps, possibly without an offset. */
export interface LuxPolicyVendor {
  is_push_agree: boolean | number;
  is_marketing_agree: boolean | number;
  push_agree_date: string | null;
  marketing_agree_date: string | null;
}

/** `POST /api/v1/lux/user/push/set-token` body; the answer is the stored token as a JSON string. */
export interface LuxPushTokenVendor {
  token: string;
}

/** `PATCH /api/v1/lux/user/notification` body (booleans) and answer (0/1 upstream). */
export interface LuxNotificationVendor {
  is_device_muted: boolean | number;
  is_device_alim_talk_enabled: boolean | number;
  is_basestation_alert_enabled: boolean | number;
}

/** `POST /api/v1/lux/user/change-phone` body. */
export interface LuxChangePhoneVendor {
  phone: string;
  validnum?: string;
}

/** `POST /api/v1/lux/user/create-real-user` body. */
export interface LuxCreateRealUserVendor {
  first_name: string;
  last_name: string;
  /** `yyyymmdd`. */
  birthdate: string;
  gender: string;
  serial_code: string;
  /** The last four hex digits of the MAC, upper case, without `:`. */
  mac_id: string;
  unique_id: string;
}

/** `POST /api/v1/lux/user/create-real-user` answer. */
export interface LuxCreatedRealUserVendor {
  real_user_id: number;
  first_name: string | null;
  last_name: string | null;
  birthdate: string | null;
  gender: string | null;
  device_id: number | null;
  now_firmware_id: number | null;
  unique_id: string | null;
  serial_code: string | null;
  device_alias: string | null;
  last_log_file_id: number | null;
  created_at: string | null;
}

/** `GET /api/v1/lux/user/real-user/{id}` and `PATCH /api/v1/lux/user/update-real-user` answers. */
export interface LuxRealUserVendor {
  id: number;
  root_user_id: number;
  first_name: string | null;
  last_name: string | null;
  birthdate: string | null;
  gender: string | null;
}

/** `PATCH /api/v1/lux/user/update-real-user` body: `id` plus the optional profile fields. */
export interface LuxUpdateRealUserVendor extends LuxProfileUpdateVendor {
  id: number;
}

/** `DELETE /api/v1/lux/user/delete-real-user` JSON body. */
export interface LuxDeleteRealUserVendor {
  real_user_id: number;
  unique_id: string;
}
