import { fieldsRefused as fieldsOf } from '../../common/problem/validation.testing';
import {
  DeviceIdParamsDto,
  RegisterTherapyDeviceDto,
  TherapyLogInputDto,
  TherapyLogsQueryDto,
  UniqueIdQueryDto,
} from './therapy.dto';
import { LiveSessionInputDto } from './live-session.dto';

const log = {
  userId: 2,
  modelId: 2,
  deviceId: 2,
  firmwareVersion: 22.0,
  loggedAt: '2025-04-11T15:58:00+09:00',
  mode: 1,
  finishFlag: 1,
  lastIntensity: 161.0,
  treatmentTime: 1200,
  eventNum: 2,
  logData: '06008101f793466e1100800cb0043304',
};

const session = {
  userId: 2,
  modelId: 2,
  deviceId: 2,
  uniqueId: '270038000C50524833343720',
  startedAt: '2025-04-14T03:53:49.261Z',
};

describe('therapy DTOs', () => {
  it('registers with serialCode, uniqueId and an optional MAC address', async () => {
    expect(
      await fieldsOf(RegisterTherapyDeviceDto, { serialCode: 'test1', uniqueId: 'test1' }),
    ).toEqual([]);
    expect(
      await fieldsOf(RegisterTherapyDeviceDto, {
        serialCode: 'SL20301004',
        uniqueId: '2E0031000C50524833343723',
        macId: 'c8:f0:9e:41:ad:12',
      }),
    ).toEqual([]);
    // Nueyne's own examples of a MAC id: free text.
    for (const macId of ['test1234', '2023-06-29 15:07:25', 'C8:F0:9E:41:AD:12']) {
      expect(
        await fieldsOf(RegisterTherapyDeviceDto, { serialCode: 'test1', uniqueId: '1', macId }),
      ).toEqual([]);
    }
    expect(
      await fieldsOf(RegisterTherapyDeviceDto, {
        serialCode: '',
        uniqueId: 'x'.repeat(65),
        macId: 'C8\tF0',
      }),
    ).toEqual(['macId', 'serialCode', 'uniqueId']);
    for (const macId of ['', 'x'.repeat(65), 'é', null]) {
      expect(
        await fieldsOf(RegisterTherapyDeviceDto, { serialCode: 'a', uniqueId: 'b', macId }),
      ).toEqual(['macId']);
    }
    expect(
      await fieldsOf(RegisterTherapyDeviceDto, { serialCode: 'a', uniqueId: 'b', user: 1 }),
    ).toEqual(['user']);
  });

  it('checks uniqueId queries and numeric device ids', async () => {
    expect(await fieldsOf(UniqueIdQueryDto, {}, 'query')).toEqual(['uniqueId']);
    expect(await fieldsOf(UniqueIdQueryDto, { uniqueId: 'test1' }, 'query')).toEqual([]);
    expect(await fieldsOf(DeviceIdParamsDto, { deviceId: '3' }, 'param')).toEqual([]);
    expect(await fieldsOf(DeviceIdParamsDto, { deviceId: 'three' }, 'param')).toEqual(['deviceId']);
    for (const deviceId of ['0', '0x10', '1e3', '03', '2147483648', '99999999999999999999']) {
      expect(await fieldsOf(DeviceIdParamsDto, { deviceId }, 'param')).toEqual(['deviceId']);
    }
    expect(await fieldsOf(DeviceIdParamsDto, { deviceId: '2147483647' }, 'param')).toEqual([]);
  });

  it('takes months as YYYY-MM', async () => {
    expect(await fieldsOf(TherapyLogsQueryDto, { month: '2025-04' }, 'query')).toEqual([]);
    expect(await fieldsOf(TherapyLogsQueryDto, {}, 'query')).toEqual([]);
    for (const month of ['2025-13', '2025-4', 'april', '2025-04-01']) {
      expect(await fieldsOf(TherapyLogsQueryDto, { month }, 'query')).toEqual(['month']);
    }
  });

  it('validates every numeric field of a log', async () => {
    expect(await fieldsOf(TherapyLogInputDto, log)).toEqual([]);
    expect(
      await fieldsOf(TherapyLogInputDto, {
        ...log,
        userId: 1.5,
        modelId: '2',
        deviceId: 0,
        firmwareVersion: -1,
        mode: 2,
        finishFlag: 1.2,
        lastIntensity: 'high',
        treatmentTime: 2147483648,
        eventNum: -1,
      }),
    ).toEqual([
      'deviceId',
      'eventNum',
      'finishFlag',
      'firmwareVersion',
      'lastIntensity',
      'mode',
      'modelId',
      'treatmentTime',
      'userId',
    ]);
  });

  it('takes the numbers Nueyne stores, without bounds it never set', async () => {
    expect(
      await fieldsOf(TherapyLogInputDto, {
        ...log,
        firmwareVersion: 10500.5,
        lastIntensity: 25000,
        treatmentTime: 90000,
        finishFlag: 300,
        logData: 'ab'.repeat(20000),
      }),
    ).toEqual([]);
  });

  it('needs RFC 3339 timestamps with an offset and the log data', async () => {
    for (const loggedAt of [
      '2025-04-11T15:58Z',
      '2025-04-11T15:58:00',
      '2025-04-11',
      'yesterday',
      '2025-02-30T00:00:00Z',
    ]) {
      expect(await fieldsOf(TherapyLogInputDto, { ...log, loggedAt })).toEqual(['loggedAt']);
    }
    const noData: Record<string, unknown> = { ...log };
    delete noData.logData;
    expect(await fieldsOf(TherapyLogInputDto, noData)).toEqual(['logData']);
    expect(await fieldsOf(TherapyLogInputDto, { ...log, log_data: 'x' })).toEqual(['log_data']);
  });

  it('tells a live-session start from a finish', async () => {
    expect(await fieldsOf(LiveSessionInputDto, session)).toEqual([]);
    expect(await fieldsOf(LiveSessionInputDto, { ...session, finishFlag: 0 })).toEqual([]);
    expect(await fieldsOf(LiveSessionInputDto, { ...session, finishFlag: 1 })).toEqual([
      'finishFlag',
    ]);
    const finish = { ...session, endedAt: '2025-04-14T04:53:49.261Z' };
    expect(await fieldsOf(LiveSessionInputDto, { ...finish, finishFlag: 1 })).toEqual([]);
    expect(await fieldsOf(LiveSessionInputDto, finish)).toEqual(['finishFlag']);
    expect(await fieldsOf(LiveSessionInputDto, { ...finish, finishFlag: 0 })).toEqual([
      'finishFlag',
    ]);
    expect(
      await fieldsOf(LiveSessionInputDto, {
        ...session,
        endedAt: '2025-04-14T02:00:00Z',
        finishFlag: 1,
      }),
    ).toEqual(['endedAt']);
  });

  it('reads "endedAt": null as a start, and refuses "finishFlag": null', async () => {
    expect(await fieldsOf(LiveSessionInputDto, { ...session, endedAt: null })).toEqual([]);
    expect(
      await fieldsOf(LiveSessionInputDto, { ...session, endedAt: null, finishFlag: 0 }),
    ).toEqual([]);
    expect(await fieldsOf(LiveSessionInputDto, { ...session, finishFlag: null })).toEqual([
      'finishFlag',
    ]);
    expect(
      await fieldsOf(LiveSessionInputDto, {
        ...session,
        endedAt: '2025-04-14T04:53:49.261Z',
        finishFlag: null,
      }),
    ).toEqual(['finishFlag']);
  });
});
