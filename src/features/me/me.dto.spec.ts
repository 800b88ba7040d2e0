import { ArgumentMetadata } from '@nestjs/common';
import { ProblemException } from '../../common/problem/problem.exception';
import { validate as check, validationPipe as pipe } from '../../common/problem/validation.testing';
import {
  ChangePhoneDto,
  CreateMemberDto,
  DeleteMemberQueryDto,
  MemberParamsDto,
  NotificationsDto,
  PushTokenDto,
  UpdatePolicyDto,
  UpdateProfileDto,
} from './me.dto';

const member = {
  firstName: 'test',
  lastName: '',
  birthdate: '1997-01-01',
  gender: 'F',
  device: { serialCode: 'SL20401000', macId: '41AD', uniqueId: 'unique' },
};

describe('me DTOs', () => {
  it('accepts a valid profile change and any subset of it', async () => {
    expect(
      await check(UpdateProfileDto, {
        firstName: 'james',
        lastName: 'kim',
        birthdate: '1997-01-01',
        gender: 'M',
      }),
    ).toMatchObject({ ok: true });
    expect(await check(UpdateProfileDto, { gender: 'P' })).toMatchObject({ ok: true });
    expect(await check(UpdateProfileDto, {})).toMatchObject({ ok: true });
  });

  it('refuses bad birthdates, genders, lengths and unknown fields, naming each', async () => {
    const result = await check(UpdateProfileDto, {
      firstName: '',
      lastName: 'x'.repeat(51),
      birthdate: '19970101',
      gender: 'X',
      nickname: 'jj',
    });
    expect(result).toMatchObject({
      ok: false,
      fields: ['birthdate', 'firstName', 'gender', 'lastName', 'nickname'],
    });
    expect(result.ok || result.detail).toContain('nickname');
    for (const birthdate of ['1997-02-30', '1997-13-01', '97-01-01', 19970101]) {
      expect(await check(UpdateProfileDto, { birthdate })).toMatchObject({
        ok: false,
        fields: ['birthdate'],
      });
    }
    for (const gender of ['M', 'F', 'N', 'P']) {
      expect(await check(UpdateProfileDto, { gender })).toMatchObject({ ok: true });
    }
  });

  it('checks policy and notification booleans', async () => {
    expect(await check(UpdatePolicyDto, { isPushAgree: true })).toMatchObject({ ok: true });
    expect(await check(UpdatePolicyDto, { isPushAgree: 'yes' })).toMatchObject({
      ok: false,
      fields: ['isPushAgree'],
    });
    expect(
      await check(NotificationsDto, {
        isDeviceMuted: true,
        isDeviceAlimTalkEnabled: false,
        isBasestationAlertEnabled: true,
      }),
    ).toMatchObject({ ok: true });
    expect(await check(NotificationsDto, { isDeviceMuted: 1 })).toMatchObject({
      ok: false,
      fields: ['isBasestationAlertEnabled', 'isDeviceAlimTalkEnabled', 'isDeviceMuted'],
    });
  });

  it('requires a push token of sane length', async () => {
    expect(await check(PushTokenDto, { token: 'abc:DEF' })).toMatchObject({ ok: true });
    expect(await check(PushTokenDto, {})).toMatchObject({ ok: false, fields: ['token'] });
    expect(await check(PushTokenDto, { token: '' })).toMatchObject({ ok: false });
    expect(await check(PushTokenDto, { token: 'x'.repeat(4097) })).toMatchObject({ ok: false });
  });

  it('takes a phone as Lux documents it (a string of phone characters) and digit codes', async () => {
    expect(
      await check(ChangePhoneDto, { phone: '+821012345678', verificationCode: '123456' }),
    ).toMatchObject({ ok: true });
    // Lux changes no number without the code.
    expect(await check(ChangePhoneDto, { phone: '+821012345678' })).toMatchObject({
      ok: false,
      fields: ['verificationCode'],
    });
    const verificationCode = '123456';
    for (const phone of ['01012345678', '010-1234-5678', '+82 10 1234 5678', '(02) 123 4567']) {
      expect(await check(ChangePhoneDto, { phone, verificationCode })).toMatchObject({ ok: true });
    }
    for (const phone of ['', 'call me', '+8210\n1234', '1'.repeat(33), 821012345678]) {
      expect(await check(ChangePhoneDto, { phone, verificationCode })).toMatchObject({
        ok: false,
        fields: ['phone'],
      });
    }
    expect(
      await check(ChangePhoneDto, { phone: '+821012345678', verificationCode: '12ab56' }),
    ).toMatchObject({ ok: false, fields: ['verificationCode'] });
    expect(
      await check(ChangePhoneDto, { phone: '+821012345678', validnum: '123456' }),
    ).toMatchObject({ ok: false, fields: ['validnum', 'verificationCode'] });
  });

  it('refuses null in every optional field with one message naming it', async () => {
    const cases: [ArgumentMetadata['metatype'], string, Record<string, unknown>][] = [
      [UpdateProfileDto, 'firstName', {}],
      [UpdateProfileDto, 'lastName', {}],
      [UpdateProfileDto, 'birthdate', {}],
      [UpdateProfileDto, 'gender', {}],
      [UpdatePolicyDto, 'isPushAgree', {}],
      [UpdatePolicyDto, 'isMarketingAgree', {}],
      [ChangePhoneDto, 'verificationCode', { phone: '+821012345678' }],
    ];
    for (const [metatype, field, rest] of cases) {
      const result = await check(metatype, { ...rest, [field]: null });
      expect(result).toMatchObject({ ok: false, fields: [field] });
    }
    const problem = await pipe
      .transform({ birthdate: null }, { type: 'body', metatype: UpdateProfileDto })
      .catch((error: ProblemException) => error);
    expect((problem as ProblemException).errors).toEqual([
      { field: 'birthdate', message: 'birthdate must not be null (leave it out instead)' },
    ]);
  });

  it('validates a new member and its nested device', async () => {
    expect(await check(CreateMemberDto, member)).toMatchObject({ ok: true });
    expect(
      await check(CreateMemberDto, { ...member, device: { ...member.device, macId: '41:AD' } }),
    ).toMatchObject({ ok: false, fields: ['device.macId'] });
    expect(
      await check(CreateMemberDto, {
        ...member,
        device: { serialCode: 'SL-2040/1000', uniqueId: 'a/b_C.1', macId: '41AD' },
      }),
    ).toMatchObject({ ok: true });
    expect(
      await check(CreateMemberDto, {
        ...member,
        device: { serialCode: '', uniqueId: 'a b', macId: '41AD', extra: 1 },
      }),
    ).toMatchObject({
      ok: false,
      fields: ['device.extra', 'device.serialCode', 'device.uniqueId'],
    });
    const noDevice: Record<string, unknown> = { ...member };
    delete noDevice.device;
    expect(await check(CreateMemberDto, noDevice)).toMatchObject({ ok: false, fields: ['device'] });
    expect(await check(CreateMemberDto, { ...member, lastName: undefined })).toMatchObject({
      ok: false,
      fields: ['lastName'],
    });
  });

  it('parses member ids and requires uniqueId to delete', async () => {
    expect(await check(MemberParamsDto, { memberId: '7' }, 'param')).toEqual({
      ok: true,
      value: expect.objectContaining({ memberId: 7 }),
    });
    expect(await check(MemberParamsDto, { memberId: '2147483647' }, 'param')).toMatchObject({
      ok: true,
      value: { memberId: 2147483647 },
    });
    for (const memberId of [
      '0',
      'abc',
      '1.5',
      '0x10',
      '1e3',
      '016',
      '+1',
      ' 1',
      '2147483648',
      '99999999999999999999',
    ]) {
      expect(await check(MemberParamsDto, { memberId }, 'param')).toMatchObject({
        ok: false,
        fields: ['memberId'],
      });
    }
    expect(await check(DeleteMemberQueryDto, {}, 'query')).toMatchObject({
      ok: false,
      fields: ['uniqueId'],
    });
    expect(await check(DeleteMemberQueryDto, { uniqueId: 'X', other: '1' }, 'query')).toMatchObject(
      { ok: false, fields: ['other'] },
    );
  });
});
