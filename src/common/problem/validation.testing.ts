import { ArgumentMetadata } from '@nestjs/common';
import { ProblemException } from './problem.exception';
import { createValidationPipe } from './validation';

/** What the gateway's validation pipe makes of a value: the DTO, or the fields it refuses. */
export type Validated =
  { ok: true; value: unknown } | { ok: false; fields: string[]; detail: string };

/** The gateway's validation pipe, as the app builds it. */
export const validationPipe = createValidationPipe();

/** Runs `value` through the gateway's validation pipe as a `type` of `metatype` (for DTO specs). */
export async function validate(
  metatype: ArgumentMetadata['metatype'],
  value: unknown,
  type: ArgumentMetadata['type'] = 'body',
): Promise<Validated> {
  try {
    return { ok: true, value: await validationPipe.transform(value, { type, metatype }) };
  } catch (error) {
    const problem = error as ProblemException;
    return {
      ok: false,
      fields: [...new Set((problem.errors ?? []).map((e) => e.field))].sort(),
      detail: problem.detail,
    };
  }
}

/** The fields the validation pipe names in its 400 for `value`, sorted; [] when it passes. */
export async function fieldsRefused(
  metatype: ArgumentMetadata['metatype'],
  value: unknown,
  type: ArgumentMetadata['type'] = 'body',
): Promise<string[]> {
  const result = await validate(metatype, value, type);
  return result.ok ? [] : result.fields;
}
