import {
  finishReason,
  fromLiveSessionInput,
  fromLuxMemberInput,
  fromLuxNotifications,
  fromLuxPolicyChanges,
  fromLuxProfileChanges,
  fromTherapyLogInput,
  toCheckedTherapyDevice,
  toDeviceLastUse,
  toFlag,
  toLiveSession,
  toLuxCreatedMember,
  toLuxMember,
  toLuxNotifications,
  toLuxPolicy,
  toLuxProfile,
  toLuxUpdatedProfile,
  toTherapyDevice,
  toTherapyLog,
} from './nueyne.mappers';

/** Vendor examples below are the seed pages' own (000, 001). */
describe('nueyne mappers', () => {
  const zone = 'UTC';

  it('maps finish flags to the contract reasons', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, -1].map(finishReason)).toEqual([
      'in_progress',
      'normal',
      'button',
      'app',
      'faulty_contact',
      'unknown',
      'unknown',
      'factory',
      'unknown',
      'unknown',
    ]);
    expect(finishReason('3')).toBe('app');
    expect(finishReason(null)).toBe('unknown');
  });

  it('reads yes/no flags as booleans', () => {
    expect([true, false, 1, 0, '1', 'true', '0', null, undefined].map(toFlag)).toEqual([
      true,
      false,
      true,
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('maps GET me', () => {
    expect(
      toLuxProfile({
        root_user_id: 1,
        first_name: 'test',
        last_name: 'kim',
        birthdate: '20240722',
        gender: 'M',
        phone: '+821012345678',
        is_phone_number_checked: true,
        register_type: 'E',
        national_code: 'KR',
        need_personal_info_update: false,
        need_to_pwd_change: true,
        is_device_muted: true,
        is_device_alim_talk_enabled: 1,
        is_basestation_alert_enabled: 0,
      }),
    ).toEqual({
      rootUserId: 1,
      firstName: 'test',
      lastName: 'kim',
      birthdate: '2024-07-22',
      gender: 'M',
      phone: '+821012345678',
      isPhoneNumberChecked: true,
      registerType: 'E',
      nationalCode: 'KR',
      needPersonalInfoUpdate: false,
      needToPwdChange: true,
      isDeviceMuted: true,
      isDeviceAlimTalkEnabled: true,
      isBasestationAlertEnabled: false,
    });
  });

  it('maps PATCH root-user both ways', () => {
    expect(
      fromLuxProfileChanges({ firstName: 'james', birthdate: '1997-01-01', gender: 'M' }),
    ).toEqual({ first_name: 'james', birthdate: '19970101', gender: 'M' });
    expect(fromLuxProfileChanges({})).toEqual({});
    expect(
      toLuxUpdatedProfile({
        id: 1,
        first_name: 'james',
        last_name: 'kim',
        birthdate: '19970101',
        gender: 'M',
        phone: '+821012345678',
        is_phone_number_checked: true,
        register_type: 'E',
      }),
    ).toEqual({
      id: 1,
      firstName: 'james',
      lastName: 'kim',
      birthdate: '1997-01-01',
      gender: 'M',
      phone: '+821012345678',
      isPhoneNumberChecked: true,
      registerType: 'E',
    });
  });

  it('maps the policy with ISO timestamps', () => {
    expect(fromLuxPolicyChanges({ isPushAgree: true })).toEqual({ is_push_agree: true });
    expect(
      toLuxPolicy(
        {
          is_push_agree: true,
          is_marketing_agree: 0,
          push_agree_date: '2024-10-28T07:47:53.563Z',
          marketing_agree_date: '2024-10-28T07:47:53',
        },
        'Asia/Seoul',
      ),
    ).toEqual({
      isPushAgree: true,
      isMarketingAgree: false,
      pushAgreeDate: '2024-10-28T16:47:53.563+09:00',
      marketingAgreeDate: '2024-10-28T07:47:53+09:00',
    });
  });

  it('maps notifications (0/1 from Lux) to booleans and back', () => {
    expect(
      toLuxNotifications({
        is_device_muted: 1,
        is_device_alim_talk_enabled: 0,
        is_basestation_alert_enabled: 1,
      }),
    ).toEqual({
      isDeviceMuted: true,
      isDeviceAlimTalkEnabled: false,
      isBasestationAlertEnabled: true,
    });
    expect(
      fromLuxNotifications({
        isDeviceMuted: true,
        isDeviceAlimTalkEnabled: false,
        isBasestationAlertEnabled: true,
      }),
    ).toEqual({
      is_device_muted: true,
      is_device_alim_talk_enabled: false,
      is_basestation_alert_enabled: true,
    });
  });

  it('maps create-real-user both ways', () => {
    expect(
      fromLuxMemberInput({
        firstName: 'test',
        lastName: '',
        birthdate: '1997-01-01',
        gender: 'F',
        device: { serialCode: 'SL20401000', macId: '41ad', uniqueId: 'unique' },
      }),
    ).toEqual({
      first_name: 'test',
      last_name: '',
      birthdate: '19970101',
      gender: 'F',
      serial_code: 'SL20401000',
      mac_id: '41AD',
      unique_id: 'unique',
    });
    expect(
      toLuxCreatedMember(
        {
          real_user_id: 1,
          first_name: 'test',
          last_name: '',
          birthdate: '19970101',
          gender: 'F',
          device_id: 1,
          now_firmware_id: 1,
          unique_id: 'unique',
          serial_code: 'SL20401000',
          device_alias: 'string',
          last_log_file_id: 0,
          created_at: '2024-10-28T08:09:47.889Z',
        },
        zone,
      ),
    ).toEqual({
      memberId: 1,
      firstName: 'test',
      lastName: '',
      birthdate: '1997-01-01',
      gender: 'F',
      deviceId: 1,
      nowFirmwareId: 1,
      uniqueId: 'unique',
      serialCode: 'SL20401000',
      deviceAlias: 'string',
      lastLogFileId: 0,
      createdAt: '2024-10-28T08:09:47.889Z',
    });
  });

  it('maps a member (real user)', () => {
    expect(
      toLuxMember({
        id: 1,
        root_user_id: 1,
        first_name: 'tester',
        last_name: 'john',
        birthdate: '20010608',
        gender: 'P',
      }),
    ).toEqual({
      memberId: 1,
      rootUserId: 1,
      firstName: 'tester',
      lastName: 'john',
      birthdate: '2001-06-08',
      gender: 'P',
    });
  });

  it('maps my-devices with the contract renames', () => {
    expect(
      toTherapyDevice(
        {
          id: 1,
          serialcode: 'test',
          user_id: 1,
          model_id: 2,
          mac_id: '2023-06-29 15:07:25',
          unique_id: '270038000C50524833343720',
          modelname: 'ELEXIR',
          regdate: '2023-06-01T00:00:00',
        },
        'Asia/Seoul',
      ),
    ).toEqual({
      id: 1,
      serialCode: 'test',
      userId: 1,
      modelId: 2,
      macId: '2023-06-29 15:07:25',
      uniqueId: '270038000C50524833343720',
      modelName: 'ELEXIR',
      registeredAt: '2023-06-01T00:00:00+09:00',
    });
  });

  it('maps check-device', () => {
    expect(
      toCheckedTherapyDevice(
        {
          serial_code: 'string',
          user_id: 0,
          mac_id: 'string',
          model_id: 0,
          unique_id: 'string',
          id: 0,
          regdate: '2024-11-28T04:19:43.007Z',
        },
        zone,
      ),
    ).toEqual({
      id: 0,
      serialCode: 'string',
      userId: 0,
      macId: 'string',
      modelId: 0,
      uniqueId: 'string',
      registeredAt: '2024-11-28T04:19:43.007Z',
    });
  });

  it('maps lasttime to {deviceId, lastUsedAt}', () => {
    expect(toDeviceLastUse(1, '2025-04-11 15:58:00', zone)).toEqual({
      deviceId: 1,
      lastUsedAt: '2025-04-11T15:58:00Z',
    });
    expect(toDeviceLastUse(1, 42, zone)).toEqual({ deviceId: 1, lastUsedAt: null });
  });

  it('maps devlog both ways, with finishReason beside finishFlag', () => {
    const input = {
      userId: 2,
      modelId: 2,
      deviceId: 2,
      firmwareVersion: 22,
      loggedAt: '2025-04-11T15:58:00+09:00',
      mode: 1,
      finishFlag: 1,
      lastIntensity: 161,
      treatmentTime: 1200,
      eventNum: 2,
      logData: '06008101f793466e1100800cb0043304',
    };
    expect(fromTherapyLogInput(input, zone)).toEqual({
      user_id: 2,
      model_id: 2,
      device_id: 2,
      fversion: 22,
      logdate: '2025-04-11T06:58:00Z',
      mode: 1,
      finish_flag: 1,
      last_intensity: 161,
      treatment_time: 1200,
      event_num: 2,
      log_data: '06008101f793466e1100800cb0043304',
    });
    expect(
      toTherapyLog(
        {
          user_id: 2,
          model_id: 2,
          device_id: 2,
          fversion: 22.0,
          logdate: '2025-04-10T05:58:00',
          mode: 1,
          finish_flag: 3,
          last_intensity: 161.0,
          treatment_time: 1200,
          event_num: 2,
          log_data: '06008101f793466e1100800cb0043304',
          id: 2,
          regdate: '2025-04-10T23:14:56',
        },
        zone,
      ),
    ).toEqual({
      id: 2,
      userId: 2,
      modelId: 2,
      deviceId: 2,
      firmwareVersion: 22,
      loggedAt: '2025-04-10T05:58:00Z',
      mode: 1,
      finishFlag: 3,
      finishReason: 'app',
      lastIntensity: 161,
      treatmentTime: 1200,
      eventNum: 2,
      logData: '06008101f793466e1100800cb0043304',
      registeredAt: '2025-04-10T23:14:56Z',
    });
  });

  it('builds the temp-log start and finish forms', () => {
    const base = {
      userId: 2,
      modelId: 2,
      deviceId: 2,
      uniqueId: 'ABC',
      startedAt: '2025-04-14T03:53:49.261Z',
    };
    expect(fromLiveSessionInput(base, zone)).toEqual({
      user_id: 2,
      model_id: 2,
      device_id: 2,
      unique_id: 'ABC',
      finish_flag: 0,
      start_date: '2025-04-14T03:53:49.261Z',
      last_date: '',
    });
    expect(
      fromLiveSessionInput({ ...base, endedAt: '2025-04-14T04:53:49.261Z', finishFlag: 2 }, zone),
    ).toMatchObject({ finish_flag: 2, last_date: '2025-04-14T04:53:49.261Z' });
  });

  it('maps a temp log, with a running session ending null', () => {
    expect(
      toLiveSession(
        {
          user_id: 0,
          model_id: 0,
          device_id: 0,
          unique_id: 'string',
          finish_flag: 0,
          start_date: '2025-04-14T02:09:21.381000Z',
          last_date: '',
        },
        zone,
      ),
    ).toEqual({
      userId: 0,
      modelId: 0,
      deviceId: 0,
      uniqueId: 'string',
      finishFlag: 0,
      finishReason: 'in_progress',
      startedAt: '2025-04-14T02:09:21.381Z',
      endedAt: null,
    });
  });
});
