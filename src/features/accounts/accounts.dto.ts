import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  isISO31661Alpha2,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { FormerlyNamed, IsCalendarDate, OptionalNotNull } from '../../common/validation/dto-rules';

/** Every code IsISO31661Alpha2 takes (of the 676 pairs of letters), as the document's `enum`. */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const COUNTRY_CODES = LETTERS.flatMap((a) => LETTERS.map((b) => a + b)).filter((code) =>
  isISO31661Alpha2(code),
);

/**
 * Public bodies of /v1/accounts. The field-length policy: every string has a ceiling (so a body
 * stays far below ACCOUNTS_BODY_LIMIT_BYTES), and no floor or format beyond what Nueyne documents,
 * so the gateway is never stricter than the vendor. Every constraint is declared here, and so in
 * the OpenAPI document.
 */

export const LUX_GENDERS = ['M', 'F', 'P'] as const;
export const LEGACY_GENDERS = ['M', 'F'] as const;
export const LEGACY_REGIONS = [
  '강원도',
  '경기도',
  '경상북도',
  '광주광역시',
  '대구광역시',
  '대전광역시',
  '부산광역시',
  '서울특별시',
  '세종특별자치시',
  '울산광역시',
  '인천광역시',
  '전라남도',
  '전라북도',
  '충청남도',
  '충청북도',
] as const;

/** E.164: `+`, a country code and the number, 7 to 15 digits in all (checked against the number plan too). */
const E164 = /^\+[1-9]\d{6,14}$/;
const E164_PATTERN = '^\\+[1-9]\\d{6,14}$';
const E164_MESSAGE = '$property must be an E.164 phone number such as +821012345678';
const CODE = /^\d{6}$/;
/** The opaque handle of a phone verification: 32 random bytes, base64url. */
const HANDLE = /^[A-Za-z0-9_-]{43}$/;

/** RFC 5321 caps a path at 256 octets, so an address at 254 characters. */
const EMAIL_MAX = 254;
/** Nueyne documents no password rule (its own example is `1234`); the ceiling only bounds the body. */
const PASSWORD_MAX = 128;
const NAME_MAX = 100;
const SOCIAL_ID_MAX = 255;

function IsPublicPhone(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    Matches(E164, { message: E164_MESSAGE })(target, key);
  };
}

/** The 6-digit code of a phone verification's SMS (in the order of the same stacked decorators). */
function SmsCode(): PropertyDecorator {
  return (target, key) => {
    Matches(CODE, { message: '$property must be the 6 digits of the SMS' })(target, key);
    IsString()(target, key);
    ApiProperty({
      example: '123456',
      pattern: '^\\d{6}$',
      description: 'The 6-digit code of the SMS.',
    })(target, key);
  };
}

const phoneDoc = (description: string) =>
  ApiProperty({
    example: '+821012345678',
    pattern: E164_PATTERN,
    maxLength: 16,
    description: `${description} E.164 (\`+\`, country code, number; no spaces or dashes), and a number its country's plan allows.`,
  });

/** An e-mail address of at most EMAIL_MAX characters (in the order of the same stacked decorators). */
function PublicEmail(description: string): PropertyDecorator {
  return (target, key) => {
    IsEmail({}, { message: '$property must be an e-mail address' })(target, key);
    MaxLength(EMAIL_MAX)(target, key);
    IsString()(target, key);
    ApiProperty({
      example: 'new@junction.dev',
      format: 'email',
      maxLength: EMAIL_MAX,
      description,
    })(target, key);
  };
}

/** A password: any text of 1 to PASSWORD_MAX characters (in the order of the stacked decorators). */
function PublicPassword(): PropertyDecorator {
  return (target, key) => {
    Length(1, PASSWORD_MAX)(target, key);
    IsString()(target, key);
    ApiProperty({ example: 'correct horse battery', minLength: 1, maxLength: PASSWORD_MAX })(
      target,
      key,
    );
  };
}

// ------------------------------------------------------------------------------------------
// Phone verification (Lux)

export class SendPhoneCodeDto {
  @phoneDoc('The number to send a 6-digit code to.')
  @IsPublicPhone()
  phone!: string;
}

export class PhoneCodeSentDto {
  @ApiProperty({
    example: '+821012345678',
    description: 'The number, as the gateway read it (E.164).',
  })
  phone!: string;
  @ApiProperty({
    example:
      'If this number can receive a code, one is on its way. It is good for a few minutes; ask again for a new one.',
  })
  message!: string;
}

export class ConfirmPhoneDto {
  @phoneDoc('The number the code was sent to.')
  @IsPublicPhone()
  phone!: string;

  @SmsCode()
  verificationCode!: string;
}

export class PhoneVerificationDto {
  @ApiProperty({
    example: 'q3Jt0x1mVY2cGZ6mJ3o3b0b7h4Hq9m8sV3t5wzQx1cE',
    description:
      'Opaque, single-use proof that this phone was verified: pass it to POST /v1/accounts/lux. It is bound to the phone number and expires (`expiresIn`).',
  })
  verificationToken!: string;
  @ApiProperty({ example: 600, description: 'Seconds until the verification expires.' })
  expiresIn!: number;
  @ApiProperty({ example: '+821012345678' })
  phone!: string;
}

// ------------------------------------------------------------------------------------------
// Sign-up

export class LuxSignUpDto {
  @ApiProperty({
    example: 'q3Jt0x1mVY2cGZ6mJ3o3b0b7h4Hq9m8sV3t5wzQx1cE',
    pattern: '^[A-Za-z0-9_-]{43}$',
    description:
      'From POST /v1/accounts/lux/phone-verifications/confirm. The account gets that phone number.',
  })
  @IsString()
  @Matches(HANDLE, { message: '$property must be the verificationToken of a phone verification' })
  verificationToken!: string;

  @PublicEmail('The sign-in e-mail.')
  email!: string;

  @PublicPassword()
  password!: string;

  @ApiProperty({
    example: 'Minji Park',
    minLength: 1,
    maxLength: NAME_MAX,
    description:
      "The whole name (Lux's `first_name`; its `last_name` is deprecated and sent empty).",
  })
  @IsString()
  @Length(1, NAME_MAX)
  firstName!: string;

  @ApiProperty({ example: '1997-01-31', format: 'date', description: 'Sent to Lux as `yyyymmdd`.' })
  @IsCalendarDate()
  @FormerlyNamed('birthDate')
  birthdate!: string;

  @ApiProperty({
    enum: LUX_GENDERS,
    example: 'F',
    description: '`M` male, `F` female, `P` prefers not to say.',
  })
  @IsIn(LUX_GENDERS)
  gender!: (typeof LUX_GENDERS)[number];

  @ApiProperty({
    example: 'KR',
    description: 'Country, ISO 3166-1 alpha-2 (an officially assigned code).',
    enum: COUNTRY_CODES,
  })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: '$property must be two upper-case letters' })
  @IsISO31661Alpha2()
  nationalCode!: string;

  @ApiProperty({ example: true, description: 'Agrees to push notifications.' })
  @IsBoolean()
  isPushAgree!: boolean;

  @ApiProperty({ example: false, description: 'Agrees to marketing messages.' })
  @IsBoolean()
  isMarketingAgree!: boolean;
}

export class LegacySignUpDto {
  @PublicEmail('The sign-in e-mail; Nueyne mails a verification link to it.')
  email!: string;

  @PublicPassword()
  password!: string;

  @phoneDoc('A Korean mobile number (+8210..., +8211...); sent to Legacy as `010-1234-5678`.')
  @IsPublicPhone()
  phone!: string;

  @ApiProperty({
    example: '홍길동',
    minLength: 1,
    maxLength: NAME_MAX,
    description: "The person's name (Legacy's `username`).",
  })
  @IsString()
  @Length(1, NAME_MAX)
  name!: string;

  @ApiProperty({
    example: 'S',
    minLength: 1,
    maxLength: 20,
    description:
      "Who uses the device: `S` the account holder (Nueyne's example), otherwise the user's relation to the holder (the docs name 부모 parent and 자녀 child).",
  })
  @IsString()
  @Length(1, 20)
  relation!: string;

  @ApiProperty({
    enum: LEGACY_GENDERS,
    example: 'M',
    description: 'The account holder: `M` male, `F` female.',
  })
  @IsIn(LEGACY_GENDERS)
  gender!: (typeof LEGACY_GENDERS)[number];

  @ApiProperty({ example: '1990-01-01', format: 'date', description: "The account holder's." })
  @IsCalendarDate()
  @FormerlyNamed('birthDate')
  birthdate!: string;

  @ApiPropertyOptional({
    enum: LEGACY_GENDERS,
    description:
      "The device user's gender when it is not the holder (Legacy's `gender_real`); default `gender`.",
  })
  @OptionalNotNull()
  @IsIn(LEGACY_GENDERS)
  deviceUserGender?: (typeof LEGACY_GENDERS)[number];

  @ApiPropertyOptional({
    format: 'date',
    example: '1960-05-05',
    description: "The device user's birth date (Legacy's `birthdate_real`); default `birthdate`.",
  })
  @OptionalNotNull()
  @IsCalendarDate()
  @FormerlyNamed('deviceUserBirthDate')
  deviceUserBirthdate?: string;

  @ApiPropertyOptional({ maxLength: SOCIAL_ID_MAX, description: 'Google account `sub`.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(SOCIAL_ID_MAX)
  socialGoogleId?: string;

  @ApiPropertyOptional({ maxLength: SOCIAL_ID_MAX, description: 'Kakao account `sub`.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(SOCIAL_ID_MAX)
  socialKakaoId?: string;

  @ApiPropertyOptional({ maxLength: SOCIAL_ID_MAX, description: 'Naver account `sub`.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(SOCIAL_ID_MAX)
  socialNaverId?: string;

  @ApiPropertyOptional({ maxLength: SOCIAL_ID_MAX, description: 'Apple account `sub`.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(SOCIAL_ID_MAX)
  socialAppleId?: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  isMarketingAgree!: boolean;

  @ApiProperty({ example: true })
  @IsBoolean()
  isPushAgree!: boolean;

  @ApiProperty({
    enum: LEGACY_REGIONS,
    example: '경기도',
    description: "Where the user lives (Legacy's `adrs`), one of the regions Nueyne documents.",
  })
  @IsIn(LEGACY_REGIONS)
  region!: (typeof LEGACY_REGIONS)[number];
}

export class LegacySignedUpDto {
  @ApiProperty({ example: 'elder@junction.dev' })
  email!: string;
  @ApiProperty({
    example: true,
    description:
      'Always true: Nueyne mailed a verification link, and the account signs in (POST /v1/auth/token, provider legacy) once it is followed.',
  })
  emailVerificationRequired!: boolean;
}

// ------------------------------------------------------------------------------------------
// Recovery

export class PasswordResetDto {
  @PublicEmail('The account e-mail.')
  email!: string;
}

export class PasswordResetAcceptedDto {
  @ApiProperty({
    example: 'If an account with this e-mail can reset its password, a mail is on its way.',
    description: 'The same answer whether or not such an account exists.',
  })
  message!: string;
}

export class LuxRecoverIdDto {
  @phoneDoc('The number the code was sent to (POST /v1/accounts/lux/phone-verifications).')
  @IsPublicPhone()
  phone!: string;

  @SmsCode()
  verificationCode!: string;
}

export class LuxRecoveredIdDto {
  @ApiProperty({ example: 'demo@junction.dev', description: 'The sign-in e-mail of the account.' })
  email!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'email',
    description: 'How the account signs in, as Nueyne says (`email`, `kakao`, `naver`, ...).',
  })
  provider!: string | null;
}

export class LegacyRecoverIdDto {
  @phoneDoc('The Korean mobile number of the account.')
  @IsPublicPhone()
  phone!: string;

  @ApiProperty({ example: '1988-03-15', format: 'date' })
  @IsCalendarDate()
  @FormerlyNamed('birthDate')
  birthdate!: string;

  @ApiProperty({ enum: LEGACY_GENDERS, example: 'F' })
  @IsIn(LEGACY_GENDERS)
  gender!: (typeof LEGACY_GENDERS)[number];
}

export class LegacyRecoveredIdDto {
  @ApiProperty({
    example: 'de**@junction.dev',
    description:
      'The account e-mail, masked: this route proves no possession of anything, only facts someone else may know.',
  })
  maskedEmail!: string;
}

export class EmailAvailabilityQueryDto {
  @PublicEmail('The e-mail to check.')
  email!: string;
}

export class EmailAvailabilityDto {
  @ApiProperty({ example: 'new@junction.dev' })
  email!: string;
  @ApiProperty({ example: true, description: 'No Elexir Legacy account uses this e-mail yet.' })
  available!: boolean;
}
