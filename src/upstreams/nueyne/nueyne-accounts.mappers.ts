import { NueyneTokenSet } from '../../auth/links/nueyne-authenticator';
import { LegacySignUpInput, LuxSignUpInput } from './nueyne-accounts.models';
import { publicDateToLux } from './nueyne-time';
import {
  LegacySignUpVendor,
  LuxSignUpVendor,
  NueyneTokenPairVendor,
} from './vendor/nueyne-account.vendor';

/**
 * Nueyne's token pair (sign-in, refresh and Lux sign-up answer it alike), or undefined when the
 * answer lacks the access token, its lifetime or the account id.
 */
export function toTokenSet(
  body: Partial<NueyneTokenPairVendor> | undefined,
): NueyneTokenSet | undefined {
  if (
    typeof body?.access_token !== 'string' ||
    typeof body.expires_in !== 'number' ||
    (typeof body.id !== 'number' && typeof body.id !== 'string')
  ) {
    return undefined;
  }
  return {
    accountId: String(body.id),
    accessToken: body.access_token,
    expiresInSeconds: body.expires_in,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    refreshExpiresInSeconds:
      typeof body.refresh_expires_in === 'number' ? body.refresh_expires_in : undefined,
  };
}

/**
 * Lux e-mail sign-up: the whole name goes in `first_name`, `last_name` is "" (deprecated
 * upstream), `birthdate` is `yyyymmdd`, and the gateway only makes e-mail accounts (`E`).
 */
export function fromLuxSignUp(input: LuxSignUpInput): LuxSignUpVendor {
  return {
    email: input.email,
    password: input.password,
    first_name: input.firstName,
    last_name: '',
    birthdate: publicDateToLux(input.birthdate),
    gender: input.gender,
    phone: input.phone,
    register_type: 'E',
    is_push_agree: input.isPushAgree,
    is_marketing_agree: input.isMarketingAgree,
    national_code: input.nationalCode,
  };
}

/**
 * Legacy sign-up with the phone already in Legacy's form. The device user's gender and birthdate
 * default to the holder's (as the docs ask), `adrs_city` repeats `adrs`, and social ids are sent
 * only when given.
 */
export function fromLegacySignUp(
  input: LegacySignUpInput,
  legacyPhone: string,
): LegacySignUpVendor {
  const body: LegacySignUpVendor = {
    email: input.email,
    password: input.password,
    phone: legacyPhone,
    username: input.name,
    relation: input.relation,
    gender: input.gender,
    birthdate: input.birthdate,
    gender_real: input.deviceUserGender ?? input.gender,
    birthdate_real: input.deviceUserBirthdate ?? input.birthdate,
    is_marketing_agree: input.isMarketingAgree,
    is_push_agree: input.isPushAgree,
    adrs: input.region,
    adrs_city: input.region,
  };
  if (input.socialGoogleId !== undefined) body.social_google_id = input.socialGoogleId;
  if (input.socialKakaoId !== undefined) body.social_kakao_id = input.socialKakaoId;
  if (input.socialNaverId !== undefined) body.social_naver_id = input.socialNaverId;
  if (input.socialAppleId !== undefined) body.social_apple_id = input.socialAppleId;
  return body;
}
