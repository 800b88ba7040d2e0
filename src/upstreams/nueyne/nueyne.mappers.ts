import {
  CheckedTherapyDevice,
  DeviceLastUse,
  FinishReason,
  LiveSession,
  LiveSessionInput,
  LuxCreatedMember,
  LuxMember,
  LuxMemberInput,
  LuxNotifications,
  LuxPolicy,
  LuxPolicyChanges,
  LuxProfile,
  LuxProfileChanges,
  LuxProfileFields,
  LuxUpdatedProfile,
  TherapyDevice,
  TherapyLog,
  TherapyLogInput,
} from './nueyne.models';
import {
  publicDateToLux,
  publicTimestampToUpstream,
  upstreamDateToPublic,
  upstreamTimestampToPublic,
} from './nueyne-time';
import {
  LegacyDeviceVendor,
  LegacyCheckedDeviceVendor,
  LegacyDevlogInputVendor,
  LegacyDevlogVendor,
  LegacyTempLogVendor,
} from './vendor/legacy-device.vendor';
import {
  LuxCreateRealUserVendor,
  LuxCreatedRealUserVendor,
  LuxMeVendor,
  LuxNotificationVendor,
  LuxPolicyUpdateVendor,
  LuxPolicyVendor,
  LuxProfileFieldsVendor,
  LuxProfileUpdateVendor,
  LuxRealUserVendor,
  LuxRootUserVendor,
} from './vendor/lux-user.vendor';

/** Nueyne's yes/no values (booleans, or 0/1 from TINYINT columns) as booleans. */
export function toFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string')
    return ['1', 'true', 't', 'y', 'yes'].includes(value.toLowerCase());
  return false;
}

const FINISH_REASON_BY_FLAG: Record<number, FinishReason> = {
  0: 'in_progress',
  1: 'normal',
  2: 'button',
  3: 'app',
  4: 'faulty_contact',
  7: 'factory',
};

/** The contract's readable `finishReason` of a `finish_flag`. */
export function finishReason(flag: unknown): FinishReason {
  const value = typeof flag === 'string' && /^\d+$/.test(flag) ? Number(flag) : flag;
  return typeof value === 'number' ? (FINISH_REASON_BY_FLAG[value] ?? 'unknown') : 'unknown';
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

// ------------------------------------------------------------------------------------------
// Lux user (seed page 001)

function toLuxProfileFields(user: LuxProfileFieldsVendor): LuxProfileFields {
  return {
    firstName: text(user.first_name),
    lastName: text(user.last_name),
    birthdate: upstreamDateToPublic(user.birthdate),
    gender: text(user.gender),
    phone: text(user.phone),
    isPhoneNumberChecked: toFlag(user.is_phone_number_checked),
    registerType: text(user.register_type),
  };
}

export function toLuxProfile(me: LuxMeVendor): LuxProfile {
  return {
    rootUserId: me.root_user_id,
    ...toLuxProfileFields(me),
    nationalCode: text(me.national_code),
    needPersonalInfoUpdate: toFlag(me.need_personal_info_update),
    needToPwdChange: toFlag(me.need_to_pwd_change),
    isDeviceMuted: toFlag(me.is_device_muted),
    isDeviceAlimTalkEnabled: toFlag(me.is_device_alim_talk_enabled),
    isBasestationAlertEnabled: toFlag(me.is_basestation_alert_enabled),
  };
}

export function toLuxUpdatedProfile(user: LuxRootUserVendor): LuxUpdatedProfile {
  return { id: user.id, ...toLuxProfileFields(user) };
}

/** Public profile changes as Lux wants them (`birthdate` as `yyyymmdd`); absent fields stay out. */
export function fromLuxProfileChanges(changes: LuxProfileChanges): LuxProfileUpdateVendor {
  const body: LuxProfileUpdateVendor = {};
  if (changes.firstName !== undefined) body.first_name = changes.firstName;
  if (changes.lastName !== undefined) body.last_name = changes.lastName;
  if (changes.birthdate !== undefined) body.birthdate = publicDateToLux(changes.birthdate);
  if (changes.gender !== undefined) body.gender = changes.gender;
  return body;
}

export function fromLuxPolicyChanges(changes: LuxPolicyChanges): LuxPolicyUpdateVendor {
  const body: LuxPolicyUpdateVendor = {};
  if (changes.isPushAgree !== undefined) body.is_push_agree = changes.isPushAgree;
  if (changes.isMarketingAgree !== undefined) body.is_marketing_agree = changes.isMarketingAgree;
  return body;
}

export function toLuxPolicy(policy: LuxPolicyVendor, zone: string): LuxPolicy {
  return {
    isPushAgree: toFlag(policy.is_push_agree),
    isMarketingAgree: toFlag(policy.is_marketing_agree),
    pushAgreeDate: upstreamTimestampToPublic(policy.push_agree_date, zone),
    marketingAgreeDate: upstreamTimestampToPublic(policy.marketing_agree_date, zone),
  };
}

export function fromLuxNotifications(settings: LuxNotifications): LuxNotificationVendor {
  return {
    is_device_muted: settings.isDeviceMuted,
    is_device_alim_talk_enabled: settings.isDeviceAlimTalkEnabled,
    is_basestation_alert_enabled: settings.isBasestationAlertEnabled,
  };
}

export function toLuxNotifications(settings: LuxNotificationVendor): LuxNotifications {
  return {
    isDeviceMuted: toFlag(settings.is_device_muted),
    isDeviceAlimTalkEnabled: toFlag(settings.is_device_alim_talk_enabled),
    isBasestationAlertEnabled: toFlag(settings.is_basestation_alert_enabled),
  };
}

export function fromLuxMemberInput(member: LuxMemberInput): LuxCreateRealUserVendor {
  return {
    first_name: member.firstName,
    last_name: member.lastName,
    birthdate: publicDateToLux(member.birthdate),
    gender: member.gender,
    serial_code: member.device.serialCode,
    mac_id: member.device.macId.toUpperCase(),
    unique_id: member.device.uniqueId,
  };
}

export function toLuxCreatedMember(
  created: LuxCreatedRealUserVendor,
  zone: string,
): LuxCreatedMember {
  return {
    memberId: created.real_user_id,
    firstName: text(created.first_name),
    lastName: text(created.last_name),
    birthdate: upstreamDateToPublic(created.birthdate),
    gender: text(created.gender),
    deviceId: int(created.device_id),
    nowFirmwareId: int(created.now_firmware_id),
    uniqueId: text(created.unique_id),
    serialCode: text(created.serial_code),
    deviceAlias: text(created.device_alias),
    lastLogFileId: int(created.last_log_file_id),
    createdAt: upstreamTimestampToPublic(created.created_at, zone),
  };
}

export function toLuxMember(member: LuxRealUserVendor): LuxMember {
  return {
    memberId: member.id,
    rootUserId: member.root_user_id,
    firstName: text(member.first_name),
    lastName: text(member.last_name),
    birthdate: upstreamDateToPublic(member.birthdate),
    gender: text(member.gender),
  };
}

// ------------------------------------------------------------------------------------------
// Elexir Legacy devices (seed page 000)

export function toTherapyDevice(device: LegacyDeviceVendor, zone: string): TherapyDevice {
  return {
    id: device.id,
    serialCode: text(device.serialcode),
    userId: int(device.user_id),
    modelId: device.model_id,
    macId: text(device.mac_id),
    uniqueId: device.unique_id,
    modelName: text(device.modelname),
    registeredAt: upstreamTimestampToPublic(device.regdate, zone),
  };
}

export function toCheckedTherapyDevice(
  device: LegacyCheckedDeviceVendor,
  zone: string,
): CheckedTherapyDevice {
  return {
    id: device.id,
    serialCode: text(device.serial_code),
    userId: int(device.user_id),
    macId: text(device.mac_id),
    modelId: device.model_id,
    uniqueId: device.unique_id,
    registeredAt: upstreamTimestampToPublic(device.regdate, zone),
  };
}

/** `lasttime/{id}` answers a bare `"2025-04-11 15:58:00"`. */
export function toDeviceLastUse(deviceId: number, lastTime: unknown, zone: string): DeviceLastUse {
  return {
    deviceId,
    lastUsedAt: upstreamTimestampToPublic(typeof lastTime === 'string' ? lastTime : null, zone),
  };
}

export function fromTherapyLogInput(log: TherapyLogInput, zone: string): LegacyDevlogInputVendor {
  return {
    user_id: log.userId,
    model_id: log.modelId,
    device_id: log.deviceId,
    fversion: log.firmwareVersion,
    logdate: publicTimestampToUpstream(log.loggedAt, zone),
    mode: log.mode,
    finish_flag: log.finishFlag,
    last_intensity: log.lastIntensity,
    treatment_time: log.treatmentTime,
    event_num: log.eventNum,
    log_data: log.logData,
  };
}

export function toTherapyLog(log: LegacyDevlogVendor, zone: string): TherapyLog {
  const out: TherapyLog = {
    userId: log.user_id,
    modelId: log.model_id,
    deviceId: log.device_id,
    firmwareVersion: log.fversion,
    loggedAt: upstreamTimestampToPublic(log.logdate, zone) ?? log.logdate,
    mode: log.mode,
    finishFlag: log.finish_flag,
    finishReason: finishReason(log.finish_flag),
    lastIntensity: log.last_intensity,
    treatmentTime: log.treatment_time,
    eventNum: log.event_num,
    logData: log.log_data,
  };
  if (typeof log.id === 'number') out.id = log.id;
  if (log.regdate !== undefined) out.registeredAt = upstreamTimestampToPublic(log.regdate, zone);
  return out;
}

/**
 * The temp-log body: a start (no `endedAt`) is `finish_flag` 0 with `last_date` ""; a finish
 * carries `last_date` and its `finish_flag`.
 */
export function fromLiveSessionInput(session: LiveSessionInput, zone: string): LegacyTempLogVendor {
  const finished = session.endedAt !== undefined;
  return {
    user_id: session.userId,
    model_id: session.modelId,
    device_id: session.deviceId,
    unique_id: session.uniqueId,
    finish_flag: finished ? (session.finishFlag ?? 1) : 0,
    start_date: publicTimestampToUpstream(session.startedAt, zone),
    last_date: finished ? publicTimestampToUpstream(session.endedAt!, zone) : '',
  };
}

export function toLiveSession(log: LegacyTempLogVendor, zone: string): LiveSession {
  return {
    userId: log.user_id,
    modelId: log.model_id,
    deviceId: log.device_id,
    uniqueId: log.unique_id,
    finishFlag: log.finish_flag,
    finishReason: finishReason(log.finish_flag),
    startedAt: upstreamTimestampToPublic(log.start_date, zone),
    endedAt: upstreamTimestampToPublic(log.last_date, zone),
  };
}
