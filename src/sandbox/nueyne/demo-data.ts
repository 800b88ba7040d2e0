import { formatNaive } from './fastapi';
import type {
  LegacyDevice,
  LegacyDevlog,
  LegacyUser,
  LuxDevice,
  LuxPolicy,
  LuxRealUser,
  LuxUser,
  NueyneState,
} from './nueyne.state';

/** The password of every demo account, Lux and Legacy. */
export const DEMO_PASSWORD = 'junction-demo';

const DAY = 86_400_000;

/** A model id with no row in the model table: devices of this model break reads and writes. */
export const MISSING_MODEL_ID = 99;

function luxUser(fields: Partial<LuxUser> & Pick<LuxUser, 'id' | 'email'>): LuxUser {
  return {
    password: DEMO_PASSWORD,
    status: 'active',
    first_name: '',
    last_name: '',
    birthdate: '',
    gender: 'P',
    phone: null,
    is_phone_number_checked: false,
    register_type: 'E',
    sign_in_type: 'email',
    national_code: 'KR',
    need_personal_info_update: false,
    password_changed_at: '2025-01-02T09:00:00',
    is_device_muted: false,
    is_device_alim_talk_enabled: false,
    is_basestation_alert_enabled: false,
    push_token: null,
    policy: null,
    corrupt: false,
    ...fields,
  };
}

const agreedPolicy = (date: string): LuxPolicy => ({
  is_push_agree: true,
  is_marketing_agree: false,
  push_agree_date: date,
  marketing_agree_date: null,
});

function luxUsers(now: number): LuxUser[] {
  return [
    luxUser({
      id: 1,
      email: 'demo@junction.dev',
      first_name: 'Jiwoo',
      last_name: 'Kim',
      birthdate: '19880315',
      gender: 'F',
      phone: '+821012345678',
      is_phone_number_checked: true,
      // Changed 30 days ago: need_to_pwd_change is false (it turns true after 90 days).
      password_changed_at: formatNaive(now - 30 * DAY),
      is_device_muted: false,
      is_device_alim_talk_enabled: true,
      is_basestation_alert_enabled: true,
      push_token:
        'fGx1Q9a0R8e3kZ:APA91bH7wXc2LrT5pVq8sN4mK1jD6yF0uE3oI9gA2hB5cW7xZ1vL4nQ8tR6sY0pM3kJ',
      policy: {
        is_push_agree: true,
        is_marketing_agree: true,
        push_agree_date: '2024-10-28T07:47:53',
        marketing_agree_date: '2024-10-28T07:47:53',
      },
    }),
    luxUser({
      id: 2,
      email: 'blocked@junction.dev',
      status: 'blocked',
      first_name: 'Seojun',
      last_name: 'Park',
      birthdate: '19790704',
      gender: 'M',
      phone: '+821055550002',
      is_phone_number_checked: true,
      policy: agreedPolicy('2024-06-01T10:00:00'),
    }),
    luxUser({
      id: 3,
      email: 'deleted@junction.dev',
      status: 'deleted',
      first_name: 'Hana',
      last_name: 'Lee',
      birthdate: '19920211',
      gender: 'F',
      phone: '+821055550003',
      is_phone_number_checked: true,
      policy: agreedPolicy('2024-02-11T08:30:00'),
    }),
    luxUser({
      id: 4,
      email: 'sms@junction.dev',
      status: 'sms_required',
      first_name: 'Doyun',
      last_name: 'Choi',
      birthdate: '19950923',
      gender: 'M',
      phone: '+821055550004',
      policy: agreedPolicy('2025-03-03T12:00:00'),
    }),
    luxUser({
      id: 5,
      email: 'pending@junction.dev',
      status: 'signup_pending',
      need_personal_info_update: true,
    }),
    luxUser({
      id: 6,
      email: 'fresh@junction.dev',
      first_name: 'Yuna',
      last_name: 'Jung',
      birthdate: '20000101',
      gender: 'N',
      phone: '+821055550006',
      is_phone_number_checked: true,
      need_personal_info_update: true,
      // Never changed: need_to_pwd_change is true.
      password_changed_at: '2024-01-15T09:00:00',
      push_token: null,
      policy: agreedPolicy('2024-01-15T09:00:00'),
    }),
    luxUser({
      id: 7,
      email: 'broken@junction.dev',
      first_name: 'Broken',
      last_name: 'Record',
      birthdate: '19700101',
      gender: 'P',
      phone: '+821055550007',
      is_phone_number_checked: true,
      sign_in_type: null,
      policy: null,
      corrupt: true,
    }),
    luxUser({
      id: 8,
      email: 'social@junction.dev',
      first_name: 'Sora',
      last_name: 'Han',
      birthdate: '19910606',
      gender: 'F',
      phone: '+821055550008',
      is_phone_number_checked: true,
      // Signed up with Kakao: no password to reset (send-reset-mail 400).
      register_type: 'K',
      sign_in_type: 'social',
      policy: agreedPolicy('2024-09-09T09:00:00'),
    }),
  ];
}

function luxRealUsers(): LuxRealUser[] {
  return [
    {
      id: 1,
      root_user_id: 1,
      first_name: 'Minji',
      last_name: 'Kim',
      birthdate: '20150312',
      gender: 'F',
      device_id: 1,
      created_at: '2024-10-28T08:09:47',
      deleted: false,
    },
    {
      id: 2,
      root_user_id: 1,
      first_name: 'Joon',
      last_name: 'Kim',
      birthdate: '20180921',
      gender: 'M',
      device_id: 2,
      created_at: '2024-11-02T19:41:05',
      deleted: false,
    },
    {
      id: 3,
      root_user_id: 2,
      first_name: 'Eunwoo',
      last_name: 'Park',
      birthdate: '20120430',
      gender: 'M',
      device_id: 5,
      created_at: '2024-06-01T10:12:00',
      deleted: false,
    },
  ];
}

function luxDevices(): LuxDevice[] {
  const device = (
    id: number,
    serial: string | null,
    mac: string | null,
    uniqueId: string,
    realUserId: number | null,
  ): LuxDevice => ({
    id,
    serial_code: serial,
    mac_id: mac,
    unique_id: uniqueId,
    now_firmware_id: 3,
    device_alias: mac ? `LUX-${mac}` : null,
    last_log_file_id: 0,
    real_user_id: realUserId,
  });
  return [
    device(1, 'SL20401001', '41AD', '3100470012504B5836373620', 1),
    device(2, 'SL20401002', '7C3F', '3100470012504B5836373621', 2),
    // Free: the create-real-user example of the seed page works as written.
    device(3, 'SL20401000', null, 'unique', null),
    device(4, 'SL20401003', null, '3100470012504B5836373623', null),
    device(5, 'SL20401004', 'B20E', '3100470012504B5836373624', 3),
    device(6, 'SL20401005', null, '3100470012504B5836373625', null),
  ];
}

function legacyUsers(): LegacyUser[] {
  const user = (id: number, email: string, status: LegacyUser['status'] = 'active') => ({
    id,
    email,
    password: DEMO_PASSWORD,
    status,
  });
  return [
    {
      ...user(1, 'demo@junction.dev'),
      // What find-id matches (the Lux demo account's person, in Legacy's formats).
      phone: '010-1234-5678',
      birthdate: '1988-03-15',
      gender: 'F',
      username: 'Jiwoo Kim',
    },
    user(2, 'demo2@junction.dev'),
    user(3, 'blocked@junction.dev', 'blocked'),
    user(4, 'deleted@junction.dev', 'deleted'),
    user(5, 'unverified@junction.dev', 'unverified'),
    user(6, 'broken@junction.dev'),
  ];
}

function legacyDevices(): LegacyDevice[] {
  const device = (
    id: number,
    uniqueId: string,
    serial: string | null,
    userId: number | null,
    macId: string | null,
    regdate: string,
    modelId = 2,
  ): LegacyDevice => ({
    id,
    serial_code: serial,
    user_id: userId,
    model_id: modelId,
    mac_id: macId,
    unique_id: uniqueId,
    regdate,
  });
  return [
    // Migrated from the old server: its mac_id holds a date, as in the seed page's example.
    device(
      1,
      '270038000C50524833343720',
      'SL20301001',
      1,
      '2023-06-29 15:07:25',
      '2023-06-01T00:00:00',
    ),
    device(
      2,
      '3A0024000C50524833343721',
      'SL20301002',
      1,
      'C8:F0:9E:41:AD:12',
      '2024-03-14T10:22:05',
    ),
    device(
      3,
      '1F0042000C50524833343722',
      'SL20301003',
      2,
      'C8:F0:9E:52:1B:07',
      '2024-05-20T14:03:41',
    ),
    device(4, '2E0031000C50524833343723', 'SL20301004', null, null, '2024-09-02T09:00:00'),
    device(5, '4B0019000C50524833343724', 'SL20301005', null, null, '2024-09-02T09:00:00'),
    // Never given a serial code at the factory.
    device(6, '5C0027000C50524833343725', null, null, null, '2024-09-02T09:00:00'),
    // Its model row is missing: check-device and set-my-device fail with 400.
    device(
      7,
      '6D0015000C50524833343726',
      'SL20301007',
      null,
      null,
      '2024-09-02T09:00:00',
      MISSING_MODEL_ID,
    ),
    // The dev server's test device, so the seed page's examples (`unique_id=test1`) work.
    device(8, 'TEST1', 'test1', null, null, '2023-06-29T15:07:25'),
    // broken@junction.dev's device, also of the missing model.
    device(
      9,
      '7E0008000C50524833343727',
      'SL20301009',
      6,
      'C8:F0:9E:60:3C:99',
      '2024-01-10T11:11:11',
      MISSING_MODEL_ID,
    ),
  ];
}

const LOG_DATA = [
  '06008101f793466e1100800cb0043304',
  '040081015f93b16f1a0082590f00020318008059501f9b1e5c02810350927c71350280593520f31eb40481030a92dc71',
  '0500810122a1b66e12008041c0043104',
];

/** Logs of demo@junction.dev's devices 1 and 2 in the previous and the current month. */
function legacyDevlogs(now: number): LegacyDevlog[] {
  const today = new Date(now);
  const monthStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
  const previousStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1);
  const minute = 60_000;
  const floorMinute = (ms: number) => Math.floor(ms / minute) * minute;
  const elapsed = now - monthStart;
  const times = [
    previousStart + 3 * DAY + 8 * 3_600_000 + 40 * minute,
    previousStart + 9 * DAY + 21 * 3_600_000 + 5 * minute,
    previousStart + 16 * DAY + 7 * 3_600_000 + 55 * minute,
    previousStart + 22 * DAY + 20 * 3_600_000 + 30 * minute,
    floorMinute(monthStart + elapsed * 0.2),
    floorMinute(monthStart + elapsed * 0.55),
    floorMinute(monthStart + elapsed * 0.9),
  ];
  const shapes = [
    {
      device_id: 1,
      mode: 0,
      finish_flag: 4,
      last_intensity: 89.0,
      treatment_time: 2280,
      event_num: 6,
    },
    {
      device_id: 2,
      mode: 1,
      finish_flag: 1,
      last_intensity: 161.0,
      treatment_time: 1200,
      event_num: 2,
    },
    {
      device_id: 1,
      mode: 1,
      finish_flag: 3,
      last_intensity: 120.5,
      treatment_time: 900,
      event_num: 3,
    },
    {
      device_id: 2,
      mode: 1,
      finish_flag: 2,
      last_intensity: 140.0,
      treatment_time: 640,
      event_num: 2,
    },
    {
      device_id: 1,
      mode: 1,
      finish_flag: 1,
      last_intensity: 161.0,
      treatment_time: 1200,
      event_num: 2,
    },
    {
      device_id: 2,
      mode: 0,
      finish_flag: 7,
      last_intensity: 30.0,
      treatment_time: 60,
      event_num: 1,
    },
    {
      device_id: 1,
      mode: 1,
      finish_flag: 1,
      last_intensity: 150.0,
      treatment_time: 1200,
      event_num: 2,
    },
  ];
  return times.map((at, index) => ({
    id: index + 1,
    owner_id: 1,
    user_id: 1,
    model_id: 2,
    fversion: 22.0,
    log_data: LOG_DATA[index % LOG_DATA.length],
    ...shapes[index],
    logdate: formatNaive(at),
    // Uploaded when the app next connected, never after "now".
    regdate: formatNaive(Math.min(now, at + shapes[index].treatment_time * 1000 + 25 * minute)),
  }));
}

/** A fresh copy of the demo database, with devlogs placed around `now`. */
export function createDemoState(now: number): NueyneState {
  return {
    lux: { users: luxUsers(now), realUsers: luxRealUsers(), devices: luxDevices() },
    legacy: {
      users: legacyUsers(),
      models: [
        { id: 1, modelname: 'ELEXIR 1.0' },
        { id: 2, modelname: 'ELEXIR' },
      ],
      devices: legacyDevices(),
      devlogs: legacyDevlogs(now),
      tempLogs: [],
    },
  };
}
