/**
 * What NueyneClient hands to the features: the public, normalised shapes (camelCase, contract
 * renames, ISO dates and timestamps, booleans). Vendor shapes stay in ./vendor.
 */

/** `M` male, `F` female, `N` non-binary, `P` prefers not to say. */
export type NueyneGender = 'M' | 'F' | 'N' | 'P';
export const NUEYNE_GENDERS: readonly NueyneGender[] = ['M', 'F', 'N', 'P'];

/** The profile fields Lux answers in `GET me` and `PATCH root-user` alike. */
export interface LuxProfileFields {
  firstName: string | null;
  lastName: string | null;
  /** `YYYY-MM-DD`, or null when the account has none. */
  birthdate: string | null;
  gender: string | null;
  phone: string | null;
  isPhoneNumberChecked: boolean;
  registerType: string | null;
}

/** Lux `GET me`. */
export interface LuxProfile extends LuxProfileFields {
  rootUserId: number;
  nationalCode: string | null;
  needPersonalInfoUpdate: boolean;
  needToPwdChange: boolean;
  isDeviceMuted: boolean;
  isDeviceAlimTalkEnabled: boolean;
  isBasestationAlertEnabled: boolean;
}

/** Lux `PATCH root-user` answer. */
export interface LuxUpdatedProfile extends LuxProfileFields {
  id: number;
}

/** Profile fields a PATCH may change (root user or member); `birthdate` is `YYYY-MM-DD`. */
export interface LuxProfileChanges {
  firstName?: string;
  lastName?: string;
  birthdate?: string;
  gender?: NueyneGender;
}

export interface LuxPolicy {
  isPushAgree: boolean;
  isMarketingAgree: boolean;
  pushAgreeDate: string | null;
  marketingAgreeDate: string | null;
}

export interface LuxPolicyChanges {
  isPushAgree?: boolean;
  isMarketingAgree?: boolean;
}

export interface LuxPushToken {
  token: string;
}

export interface LuxNotifications {
  isDeviceMuted: boolean;
  isDeviceAlimTalkEnabled: boolean;
  isBasestationAlertEnabled: boolean;
}

export interface LuxPhoneChange {
  /** E.164. */
  phone: string;
  verificationCode?: string;
}

export interface LuxMemberInput {
  firstName: string;
  lastName: string;
  birthdate: string;
  gender: NueyneGender;
  device: { serialCode: string; macId: string; uniqueId: string };
}

/** Lux `create-real-user` answer. */
export interface LuxCreatedMember {
  memberId: number;
  firstName: string | null;
  lastName: string | null;
  birthdate: string | null;
  gender: string | null;
  deviceId: number | null;
  nowFirmwareId: number | null;
  uniqueId: string | null;
  serialCode: string | null;
  deviceAlias: string | null;
  lastLogFileId: number | null;
  createdAt: string | null;
}

/** Lux `real-user/{id}` and `update-real-user` answers. */
export interface LuxMember {
  memberId: number;
  rootUserId: number;
  firstName: string | null;
  lastName: string | null;
  birthdate: string | null;
  gender: string | null;
}

/** Legacy `my-devices` item. */
export interface TherapyDevice {
  id: number;
  serialCode: string | null;
  userId: number | null;
  modelId: number;
  macId: string | null;
  uniqueId: string;
  modelName: string | null;
  registeredAt: string | null;
}

/** Legacy `check-device` answer. */
export interface CheckedTherapyDevice {
  id: number;
  serialCode: string | null;
  userId: number | null;
  macId: string | null;
  modelId: number;
  uniqueId: string;
  registeredAt: string | null;
}

export interface TherapyDeviceRegistration {
  serialCode: string;
  macId?: string;
  uniqueId: string;
}

export interface DeviceLastUse {
  deviceId: number;
  lastUsedAt: string | null;
}

export type FinishReason =
  'in_progress' | 'normal' | 'button' | 'app' | 'faulty_contact' | 'factory' | 'unknown';
export const FINISH_REASONS: readonly FinishReason[] = [
  'in_progress',
  'normal',
  'button',
  'app',
  'faulty_contact',
  'factory',
  'unknown',
];

export interface TherapyLogInput {
  userId: number;
  modelId: number;
  deviceId: number;
  firmwareVersion: number;
  /** ISO 8601 with an offset. */
  loggedAt: string;
  mode: number;
  finishFlag: number;
  lastIntensity: number;
  treatmentTime: number;
  eventNum: number;
  logData: string;
}

export interface TherapyLog extends TherapyLogInput {
  finishReason: FinishReason;
  /** Present on stored logs (the monthly list). */
  id?: number;
  registeredAt?: string | null;
}

export interface LiveSessionInput {
  userId: number;
  modelId: number;
  deviceId: number;
  uniqueId: string;
  startedAt: string;
  endedAt?: string;
  finishFlag?: number;
}

export interface LiveSession {
  userId: number;
  modelId: number;
  deviceId: number;
  uniqueId: string;
  finishFlag: number;
  finishReason: FinishReason;
  startedAt: string | null;
  endedAt: string | null;
}
