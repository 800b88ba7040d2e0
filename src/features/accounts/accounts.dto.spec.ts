import { fieldsRefused, validationPipe as pipe } from '../../common/problem/validation.testing';
import {
  ConfirmPhoneDto,
  LegacyRecoverIdDto,
  LegacySignUpDto,
  LuxSignUpDto,
  SendPhoneCodeDto,
} from './accounts.dto';

const lux = {
  verificationToken: 'q3Jt0x1mVY2cGZ6mJ3o3b0b7h4Hq9m8sV3t5wzQx1cE',
  email: 'new@junction.dev',
  password: '1',
  firstName: 'M',
  birthdate: '1997-01-31',
  gender: 'P',
  nationalCode: 'KR',
  isPushAgree: false,
  isMarketingAgree: false,
};

const legacy = {
  email: 'elder@junction.dev',
  password: '1234',
  phone: '+821012345858',
  name: '홍길동',
  relation: '부모',
  gender: 'M',
  birthdate: '1990-01-01',
  isMarketingAgree: true,
  isPushAgree: true,
  region: '세종특별자치시',
};

describe('onboarding DTOs: never stricter than Nueyne, never looser than its docs', () => {
  it('accepts the smallest bodies Nueyne documents (a 1-character password, as its example `1234` suggests)', async () => {
    expect(await fieldsRefused(LuxSignUpDto, lux)).toEqual([]);
    expect(await fieldsRefused(LegacySignUpDto, legacy)).toEqual([]);
  });

  it.each([
    ['+821012345678', []],
    ['+14155552671', []],
    ['01012345678', ['phone']],
    ['+82 10 1234 5678', ['phone']],
    ['+82-10-1234-5678', ['phone']],
    ['+0123456789', ['phone']],
    ['+1234567890123456', ['phone']],
    [821012345678, ['phone']],
  ])('phone %j', async (phone, refused) => {
    expect(await fieldsRefused(SendPhoneCodeDto, { phone })).toEqual(refused);
  });

  it.each([
    ['123456', []],
    ['12345', ['verificationCode']],
    ['1234567', ['verificationCode']],
    ['12345a', ['verificationCode']],
  ])('code %j', async (verificationCode, refused) => {
    expect(
      await fieldsRefused(ConfirmPhoneDto, { phone: '+821012345678', verificationCode }),
    ).toEqual(refused);
  });

  it('caps every string and checks the documented formats', async () => {
    expect(
      await fieldsRefused(LuxSignUpDto, {
        ...lux,
        verificationToken: 'short',
        email: `${'a'.repeat(245)}@junction.dev`,
        password: '',
        firstName: 'x'.repeat(101),
        birthdate: '19970131',
        gender: 'N',
        nationalCode: 'kr',
      }),
    ).toEqual([
      'birthdate',
      'email',
      'firstName',
      'gender',
      'nationalCode',
      'password',
      'verificationToken',
    ]);
    expect(
      await fieldsRefused(LegacySignUpDto, {
        ...legacy,
        gender: 'P',
        deviceUserBirthdate: '1960-13-01',
        relation: '',
        socialAppleId: 'a'.repeat(256),
        region: '제주특별자치도',
      }),
    ).toEqual(['deviceUserBirthdate', 'gender', 'region', 'relation', 'socialAppleId']);
  });

  it('refuses unknown fields and missing ones', async () => {
    expect(
      await fieldsRefused(LegacyRecoverIdDto, { phone: '+821012345678', extra: true }),
    ).toEqual(['birthdate', 'extra', 'gender']);
  });

  it('still takes the deprecated spellings birthDate and deviceUserBirthDate, as birthdate and deviceUserBirthdate', async () => {
    const { birthdate, ...rest } = legacy;
    const recover = { phone: '+821012345678', gender: 'F' };
    const taken = (await pipe.transform(
      { ...rest, birthDate: birthdate, deviceUserBirthDate: '1960-05-05' },
      { type: 'body', metatype: LegacySignUpDto },
    )) as Record<string, unknown>;
    expect(taken).toMatchObject({ birthdate, deviceUserBirthdate: '1960-05-05' });
    expect(taken).not.toHaveProperty('birthDate');
    // Its rules apply under the old name too, reported under the new one.
    expect(
      await fieldsRefused(LegacyRecoverIdDto, { ...recover, birthDate: '1988-02-30' }),
    ).toEqual(['birthdate']);
    expect(
      await fieldsRefused(LegacyRecoverIdDto, { ...recover, birthDate: '1988-03-15' }),
    ).toEqual([]);
    // Both at once: the old one is an unknown field.
    expect(
      await fieldsRefused(LegacyRecoverIdDto, {
        ...recover,
        birthdate: '1988-03-15',
        birthDate: '1988-03-15',
      }),
    ).toEqual(['birthDate']);
  });
});
