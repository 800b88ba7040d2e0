import { ArgumentMetadata } from '@nestjs/common';
import { ProblemException } from '../../common/problem/problem.exception';
import { createValidationPipe } from '../../common/problem/validation';
import { ConferenceRoomParamsDto, ConferenceUsageQueryDto, isCalendarDate } from './conference.dto';

const pipe = createValidationPipe();
const asQuery: ArgumentMetadata = { type: 'query', metatype: ConferenceUsageQueryDto };
const asParams: ArgumentMetadata = { type: 'param', metatype: ConferenceRoomParamsDto };

async function problems(value: unknown, metadata = asQuery) {
  const error: unknown = await pipe.transform(value, metadata).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemException);
  return (error as ProblemException).errors ?? [];
}

describe('isCalendarDate', () => {
  it.each(['2021-02-20', '2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01'])(
    'accepts %s',
    (d) => expect(isCalendarDate(d)).toBe(true),
  );
  it.each([
    '2021-02-30',
    '2023-02-29',
    '1900-02-29',
    '2021-13-01',
    '2021-00-10',
    '2021-04-31',
    '2021-2-3',
    '20210220',
    '2021-02-20T00:00:00Z',
    ' 2021-02-20',
    '',
  ])('refuses %s', (d) => expect(isCalendarDate(d)).toBe(false));
  it('refuses non-strings', () => {
    expect(isCalendarDate(undefined)).toBe(false);
    expect(isCalendarDate(['2021-02-20'])).toBe(false);
    expect(isCalendarDate(20210220)).toBe(false);
  });
});

describe('ConferenceUsageQueryDto', () => {
  it('accepts from alone, and from with a later or equal to', async () => {
    await expect(pipe.transform({ from: '2021-02-20' }, asQuery)).resolves.toEqual({
      from: '2021-02-20',
    });
    await expect(
      pipe.transform({ from: '2021-02-20', to: '2021-02-20' }, asQuery),
    ).resolves.toMatchObject({ from: '2021-02-20', to: '2021-02-20' });
    await expect(
      pipe.transform({ from: '2020-12-31', to: '2021-01-01' }, asQuery),
    ).resolves.toMatchObject({ to: '2021-01-01' });
  });

  it('requires from', async () => {
    expect(await problems({})).toEqual([
      { field: 'from', message: 'from must be a date as YYYY-MM-DD' },
    ]);
    expect(await problems({ to: '2021-02-25' })).toEqual([
      { field: 'from', message: 'from must be a date as YYYY-MM-DD' },
    ]);
  });

  it('refuses dates that are not real YYYY-MM-DD days', async () => {
    expect(await problems({ from: '2021-02-30' })).toEqual([
      { field: 'from', message: 'from must be a date as YYYY-MM-DD' },
    ]);
    expect(await problems({ from: '2021-02-20', to: '20210225' })).toEqual([
      { field: 'to', message: 'to must be a date as YYYY-MM-DD' },
    ]);
    expect(await problems({ from: ['2021-02-20', '2021-02-21'] })).toEqual([
      { field: 'from', message: 'from must be a date as YYYY-MM-DD' },
    ]);
  });

  it('refuses to before from', async () => {
    expect(await problems({ from: '2021-02-25', to: '2021-02-20' })).toEqual([
      { field: 'to', message: 'to must not be before from' },
    ]);
  });

  it('refuses unknown parameters', async () => {
    expect(await problems({ from: '2021-02-20', startTime: '2021-02-20' })).toEqual([
      { field: 'startTime', message: 'is not a known field' },
    ]);
  });
});

describe('ConferenceRoomParamsDto', () => {
  it('takes any room name up to 100 characters', async () => {
    await expect(pipe.transform({ roomName: '../info' }, asParams)).resolves.toEqual({
      roomName: '../info',
    });
    expect((await problems({ roomName: 'r'.repeat(101) }, asParams))[0].field).toBe('roomName');
    expect((await problems({ roomName: '' }, asParams))[0].field).toBe('roomName');
  });
});
