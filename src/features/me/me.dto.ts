import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsString,
  Length,
  Matches,
  ValidateNested,
  IsObject,
} from 'class-validator';
import {
  DecimalIdParam,
  DeviceIdText,
  IsCalendarDate,
  NotNull,
  OptionalNotNull,
} from '../../common/validation/dto-rules';

export const GENDERS = ['M', 'F', 'N', 'P'] as const;
export type Gender = (typeof GENDERS)[number];

const GENDER_DOC = '`M` male, `F` female, `N` non-binary, `P` prefers not to say.';
/**
 * A phone number as people write one: digits, `+`, spaces, `-`, `(` and `)`. Lux shows E.164
 * (`+821012345678`) but documents only "string", so no format beyond that is imposed here.
 */
const PHONE_TEXT = /^[0-9+() -]{1,32}$/;

// ------------------------------------------------------------------------------------------
// Profile

/** `GET /v1/me`. */
export class ProfileDto {
  @ApiProperty({ example: 1, description: 'The Lux account id (`root_user_id`).' })
  rootUserId!: number;
  @ApiProperty({ type: String, nullable: true, example: 'test' })
  firstName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'kim' })
  lastName!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2024-07-22',
    description: 'Lux keeps `yyyymmdd`; null when the account has none.',
  })
  birthdate!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: GENDERS,
    example: 'M',
    description: GENDER_DOC,
  })
  gender!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+821012345678', description: 'E.164.' })
  phone!: string | null;
  @ApiProperty({ example: true })
  isPhoneNumberChecked!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'E',
    description: 'How the account signed up (`E` e-mail).',
  })
  registerType!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'KR' })
  nationalCode!: string | null;
  @ApiProperty({ example: false, description: 'The user should review their personal details.' })
  needPersonalInfoUpdate!: boolean;
  @ApiProperty({ example: true, description: 'The password is older than three months.' })
  needToPwdChange!: boolean;
  @ApiProperty({ example: true })
  isDeviceMuted!: boolean;
  @ApiProperty({ example: true, description: 'KakaoTalk alerts on electrode contact.' })
  isDeviceAlimTalkEnabled!: boolean;
  @ApiProperty({ example: true })
  isBasestationAlertEnabled!: boolean;
}

/** `PATCH /v1/me` body. */
export class UpdateProfileDto {
  @ApiPropertyOptional({
    example: 'james',
    minLength: 1,
    maxLength: 50,
    description: 'Given name. Leave it out to keep it (not null).',
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 50)
  firstName?: string;

  @ApiPropertyOptional({
    example: 'kim',
    minLength: 0,
    maxLength: 50,
    description: 'Family name. Leave it out to keep it (not null).',
  })
  @OptionalNotNull()
  @IsString()
  @Length(0, 50)
  lastName?: string;

  @ApiPropertyOptional({
    example: '1997-01-01',
    format: 'date',
    description: 'Sent to Lux as `yyyymmdd`. Leave it out to keep it (not null).',
  })
  @OptionalNotNull()
  @IsCalendarDate()
  birthdate?: string;

  @ApiPropertyOptional({ enum: GENDERS, example: 'M', description: `${GENDER_DOC} Not null.` })
  @OptionalNotNull()
  @IsIn(GENDERS)
  gender?: Gender;
}

/** `PATCH /v1/me` answer: the account as Lux stored it. */
export class UpdatedProfileDto {
  @ApiProperty({ example: 1, description: 'The Lux account id.' })
  id!: number;
  @ApiProperty({ type: String, nullable: true, example: 'james' })
  firstName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'kim' })
  lastName!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '1997-01-01' })
  birthdate!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: GENDERS, example: 'M' })
  gender!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+821012345678' })
  phone!: string | null;
  @ApiProperty({ example: true })
  isPhoneNumberChecked!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'E' })
  registerType!: string | null;
}

// ------------------------------------------------------------------------------------------
// Policy, push token, notifications, phone

export class UpdatePolicyDto {
  @ApiPropertyOptional({ example: true, description: 'Agrees to push notifications. Not null.' })
  @OptionalNotNull()
  @IsBoolean()
  isPushAgree?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Agrees to marketing messages. Not null.' })
  @OptionalNotNull()
  @IsBoolean()
  isMarketingAgree?: boolean;
}

export class PolicyDto {
  @ApiProperty({ example: true })
  isPushAgree!: boolean;
  @ApiProperty({ example: true })
  isMarketingAgree!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2024-10-28T07:47:53.563Z',
    description: 'When push consent last changed.',
  })
  pushAgreeDate!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2024-10-28T07:47:53.563Z',
    description: 'When marketing consent last changed.',
  })
  marketingAgreeDate!: string | null;
}

export class PushTokenDto {
  @ApiProperty({
    example: 'fGx1Q9a0R8e3kZ:APA91bH7wXc2LrT5pVq8sN4mK1jD6yF0uE3oI9gA2hB5cW7x',
    minLength: 1,
    maxLength: 4096,
    description: 'The FCM registration token of this device.',
  })
  @IsString()
  @Length(1, 4096)
  token!: string;
}

export class NotificationsDto {
  @ApiProperty({ example: true, description: 'Withnox device mute mode.' })
  @IsDefined()
  @IsBoolean()
  isDeviceMuted!: boolean;

  @ApiProperty({ example: true, description: 'KakaoTalk alert when the electrodes lose contact.' })
  @IsDefined()
  @IsBoolean()
  isDeviceAlimTalkEnabled!: boolean;

  @ApiProperty({ example: true, description: 'Base station sensor alerts.' })
  @IsDefined()
  @IsBoolean()
  isBasestationAlertEnabled!: boolean;
}

export class ChangePhoneDto {
  @ApiProperty({
    example: '+821012345678',
    pattern: PHONE_TEXT.source,
    description:
      'The new number, as Lux keeps it (E.164 such as `+821012345678` in its examples): digits, ' +
      '`+`, spaces, `-`, `(` and `)`, up to 32 characters.',
  })
  @IsString()
  @Matches(PHONE_TEXT, {
    message: 'phone may hold digits, +, spaces, -, ( and ) only, up to 32 characters',
  })
  phone!: string;

  // Lux refuses a change without the code (400 VERIFICATION_CODE_INVALID): it is required here.
  @ApiProperty({
    example: '123456',
    pattern: '^\\d{1,16}$',
    description: 'The SMS verification code (Lux `validnum`): digits.',
  })
  @NotNull()
  @IsString()
  @Matches(/^\d{1,16}$/, { message: 'verificationCode must be 1 to 16 digits' })
  verificationCode!: string;
}

// ------------------------------------------------------------------------------------------
// Members (Lux "real users": the people who use the devices)

export class MemberDeviceDto {
  @DeviceIdText('SL20401000', 'The serial code (visible ASCII, no spaces).')
  serialCode!: string;

  @ApiProperty({
    example: '41AD',
    pattern: '^[0-9A-Fa-f]{4}$',
    description:
      'The last four hex digits of the device MAC, without `:`, as Lux documents it (sent ' +
      'upper-cased).',
  })
  @IsString()
  @Matches(/^[0-9A-Fa-f]{4}$/, { message: 'macId must be the last 4 hex digits of the MAC' })
  macId!: string;

  @DeviceIdText('unique', 'The device uuid (visible ASCII, no spaces).')
  uniqueId!: string;
}

export class CreateMemberDto {
  @ApiProperty({ example: 'test', minLength: 1, maxLength: 50, description: 'The full name.' })
  @IsString()
  @Length(1, 50)
  firstName!: string;

  @ApiProperty({
    example: '',
    minLength: 0,
    maxLength: 50,
    description: 'Lux asks for an empty string here (the full name is in firstName).',
  })
  @IsString()
  @Length(0, 50)
  lastName!: string;

  @ApiProperty({ example: '1997-01-01', format: 'date', description: 'Sent to Lux as `yyyymmdd`.' })
  @IsCalendarDate()
  birthdate!: string;

  @ApiProperty({ enum: GENDERS, example: 'F', description: GENDER_DOC })
  @IsIn(GENDERS)
  gender!: Gender;

  @ApiProperty({ type: MemberDeviceDto, description: 'The device registered to the member.' })
  @IsDefined()
  // An object, not an array: class-transformer turns an array into an array of the DTO, which
  // ValidateNested passes when empty (the service then failed with a 500).
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => MemberDeviceDto)
  device!: MemberDeviceDto;
}

export class CreatedMemberDto {
  @ApiProperty({ example: 1, description: 'The member id (`real_user_id`).' })
  memberId!: number;
  @ApiProperty({ type: String, nullable: true, example: 'test' })
  firstName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '' })
  lastName!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '1997-01-01' })
  birthdate!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: GENDERS, example: 'F' })
  gender!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 1 })
  deviceId!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 1 })
  nowFirmwareId!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'unique' })
  uniqueId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'SL20401000' })
  serialCode!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'string' })
  deviceAlias!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 0 })
  lastLogFileId!: number | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2024-10-28T08:09:47.889Z',
  })
  createdAt!: string | null;
}

export class MemberDto {
  @ApiProperty({ example: 1, description: 'The member id.' })
  memberId!: number;
  @ApiProperty({ example: 1, description: 'The Lux account the member belongs to.' })
  rootUserId!: number;
  @ApiProperty({ type: String, nullable: true, example: 'tester' })
  firstName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'john' })
  lastName!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2001-06-08' })
  birthdate!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: GENDERS, example: 'P' })
  gender!: string | null;
}

/** `PATCH /v1/me/members/{memberId}` body (the same fields as the account's). */
export class UpdateMemberDto extends UpdateProfileDto {}

export class MemberParamsDto {
  @DecimalIdParam('The member id (`real_user_id`).')
  memberId!: number;
}

export class DeleteMemberQueryDto {
  @DeviceIdText(
    '3100470012504B5836373620',
    "The member's device, which Lux disconnects with the member.",
  )
  uniqueId!: string;
}
