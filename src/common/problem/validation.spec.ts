import { ArgumentMetadata } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import { DecimalIdParam } from '../validation/dto-rules';
import { ProblemException } from './problem.exception';
import { createValidationPipe } from './validation';

class NameParams {
  @IsString()
  @Length(1, 8)
  name!: string;
}

class IdParams {
  @DecimalIdParam('An id.')
  id!: number;
}

const params = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({
  type: 'param',
  metatype,
});

async function refusal(promise: Promise<unknown>): Promise<ProblemException> {
  try {
    await promise;
  } catch (error) {
    return error as ProblemException;
  }
  throw new Error('the value was taken');
}

describe('ValidationPipe on path parameters (remembered once they passed)', () => {
  it('answers a repeated parameter set with its own copy of the validated instance', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ name: 'abc' }, params(NameParams))) as NameParams;
    first.name = 'changed by the handler';
    const second = (await pipe.transform({ name: 'abc' }, params(NameParams))) as NameParams;
    expect(second).toBeInstanceOf(NameParams);
    expect(second).toEqual({ name: 'abc' });
    expect(second).not.toBe(first);
  });

  it('keeps the transformed values (a decimal id becomes a number every time)', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i++) {
      const value = (await pipe.transform({ id: '42' }, params(IdParams))) as IdParams;
      expect(value).toBeInstanceOf(IdParams);
      expect(value.id).toBe(42);
    }
  });

  it('refuses a bad value every time, naming the field, and a good one does not open the door', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({ name: 'abc' }, params(NameParams));
    for (let i = 0; i < 2; i++) {
      const problem = await refusal(pipe.transform({ name: 'far too long' }, params(NameParams)));
      expect(problem).toBeInstanceOf(ProblemException);
      expect(problem.errors?.map((e) => e.field)).toEqual(['name']);
    }
    const unknown = await refusal(pipe.transform({ name: 'abc', extra: 'x' }, params(NameParams)));
    expect(unknown.errors?.map((e) => e.field)).toEqual(['extra']);
  });

  it('tells DTO classes apart: the same text is checked against each class', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({ id: '7' }, params(IdParams));
    const problem = await refusal(pipe.transform({ id: '7' }, params(NameParams)));
    expect([...new Set(problem.errors?.map((e) => e.field))].sort()).toEqual(['id', 'name']);
  });
});

describe('ValidationPipe on query strings (remembered the same way)', () => {
  const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({
    type: 'query',
    metatype,
  });

  it('answers a repeated query with its own copy, and still refuses a bad or unknown one', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ name: 'abc' }, query(NameParams))) as NameParams;
    first.name = 'changed by the handler';
    const second = (await pipe.transform({ name: 'abc' }, query(NameParams))) as NameParams;
    expect(second).toBeInstanceOf(NameParams);
    expect(second).toEqual({ name: 'abc' });
    for (let i = 0; i < 2; i++) {
      const bad = await refusal(pipe.transform({ name: 'far too long' }, query(NameParams)));
      expect(bad.errors?.map((e) => e.field)).toEqual(['name']);
      const extra = await refusal(pipe.transform({ name: 'abc', x: '1' }, query(NameParams)));
      expect(extra.errors?.map((e) => e.field)).toEqual(['x']);
    }
  });

  it('works a repeated parameter (a list) out every time', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i++) {
      const problem = await refusal(pipe.transform({ name: ['a', 'b'] }, query(NameParams)));
      expect([...new Set(problem.errors?.map((e) => e.field))]).toEqual(['name']);
    }
  });
});
