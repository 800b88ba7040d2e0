/**
 * What NueyneAccountsClient takes and hands back for onboarding (sign-up, SMS verification,
 * recovery): public shapes, camelCase, dates `YYYY-MM-DD`, phones E.164. Vendor shapes stay in
 * ./vendor.
 */

export type LuxSignUpGender = 'M' | 'F' | 'P';
export type LegacyGender = 'M' | 'F';

/** A Lux e-mail sign-up (the phone comes from the verification). */
export interface LuxSignUpInput {
  email: string;
  password: string;
  /** The whole name (Lux keeps it in `first_name`; `last_name` is deprecated). */
  firstName: string;
  /** `YYYY-MM-DD`. */
  birthdate: string;
  gender: LuxSignUpGender;
  /** E.164. */
  phone: string;
  nationalCode: string;
  isPushAgree: boolean;
  isMarketingAgree: boolean;
}

export interface LegacySignUpInput {
  email: string;
  password: string;
  /** E.164; a Korean mobile number. */
  phone: string;
  name: string;
  relation: string;
  gender: LegacyGender;
  /** `YYYY-MM-DD`. */
  birthdate: string;
  /** The device user's, when it is not the account holder (default: the holder's). */
  deviceUserGender?: LegacyGender;
  deviceUserBirthdate?: string;
  socialGoogleId?: string;
  socialKakaoId?: string;
  socialNaverId?: string;
  socialAppleId?: string;
  isMarketingAgree: boolean;
  isPushAgree: boolean;
  /** Legacy's `adrs`: a province or metropolitan city, as Nueyne lists them (in Korean). */
  region: string;
}

export interface LegacyAccountFacts {
  /** E.164; a Korean mobile number. */
  phone: string;
  /** `YYYY-MM-DD`. */
  birthdate: string;
  gender: LegacyGender;
}

/** What `send-sms-auth` did. `already_registered` is Nueyne's 409, sent without any code. */
export type SmsOutcome = 'sent' | 'already_registered';

/**
 * What `send-reset-mail` did, as Nueyne tells it: a mail went out, no account has this e-mail,
 * the account signs in socially (no password to reset), or the mail could not be sent.
 */
export type ResetMailOutcome = 'sent' | 'no_account' | 'social_account' | 'mail_failed';

/** Lux `find-id-by-phone`: the account's e-mail and how it signs in. */
export interface LuxFoundAccount {
  email: string;
  provider: string | null;
}
