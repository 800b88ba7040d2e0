/**
 * Wire shapes of Nueyne's onboarding routes (sign-up, SMS verification, recovery), snake_case as
 * sent. From Nueyne's public developer docs: `docs/en/api-guide/lux/auth.md`,
 * `docs/api-guide/elexir-legacy/auth.md` and `.../elexir-legacy/user.md`.
 * Nothing outside src/upstreams/nueyne/ may import these.
 */

/** `POST /api/v1/lux/auth/send-sms-auth` body (E.164); the answer is a bare `true`. */
export interface LuxSendSmsVendor {
  phone: string;
}

/** `POST /api/v1/lux/auth/phone-number-validation` and `find-id-by-phone` bodies. */
export interface LuxPhoneCodeVendor {
  phone: string;
  /** The 6-digit code of the SMS. */
  validnum: string;
}

/** `phone-number-validation` answer: the bearer token of the sign-up call. */
export interface LuxValidTokenVendor {
  valid_token: string;
}

/** `POST /api/v1/lux/auth/email/signup` body, sent with `Authorization: Bearer <valid_token>`. */
export interface LuxSignUpVendor {
  email: string;
  password: string;
  /** The whole name. */
  first_name: string;
  /** Deprecated upstream: always "". */
  last_name: string;
  /** `yyyymmdd`. */
  birthdate: string;
  /** `M`, `F` or `P`. */
  gender: string;
  /** E.164. */
  phone: string;
  /** `E` e-mail, `S` social. */
  register_type: string;
  is_push_agree: boolean;
  is_marketing_agree: boolean;
  /** ISO 3166-1 alpha-2. */
  national_code: string;
}

/** Sign-up (Lux) and sign-in answer. */
export interface NueyneTokenPairVendor {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_expires_in?: number;
  id: number | string;
  token_type?: string;
}

/** `find-id-by-phone` answer. */
export interface LuxFoundIdVendor {
  email: string;
  /** How the account signs in (`naver`, ...). */
  provider?: string | null;
}

/** `POST /api/v1/{lux,legacy}/auth/send-reset-mail` body. */
export interface NueyneResetMailVendor {
  email: string;
}

/** `POST /api/v1/legacy/auth/signup` body (JSON). */
export interface LegacySignUpVendor {
  email: string;
  password: string;
  /** `010-1234-5678`. */
  phone: string;
  /** The person's name. */
  username: string;
  /** The device user's relation to the account holder when it is not the holder. */
  relation: string;
  /** `M` or `F`. */
  gender: string;
  /** `yyyy-mm-dd`. */
  birthdate: string;
  /** The device user's gender (the holder's when the holder uses it). */
  gender_real: string;
  /** The device user's birthdate, `yyyy-mm-dd`. */
  birthdate_real: string;
  social_google_id?: string;
  social_kakao_id?: string;
  social_naver_id?: string;
  social_apple_id?: string;
  is_marketing_agree: boolean;
  is_push_agree: boolean;
  /** Region (province or metropolitan city). */
  adrs: string;
  /** Upstream wants `adrs` again. */
  adrs_city: string;
}

/** `POST /api/v1/legacy/auth/find-id` body; the answer is the e-mail as a bare JSON string. */
export interface LegacyFindIdVendor {
  /** `yyyy-mm-dd`. */
  birthdate: string;
  /** `010-1234-5678`. */
  phone: string;
  gender: string;
}
