import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { NOT_NULL_CONSTRAINT, withCurrentNames } from '../validation/dto-rules';
import { ErrorCode } from './error-code';
import { FieldProblem, ProblemException } from './problem.exception';

function collect(errors: ValidationError[], parent: string, out: FieldProblem[]): void {
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    // A null where null is not allowed says so alone, not also "must be a string" and the rest.
    const messages = constraints[NOT_NULL_CONSTRAINT]
      ? [constraints[NOT_NULL_CONSTRAINT]]
      : Object.values(constraints);
    for (const message of messages) {
      out.push({
        field,
        message: message.replace(/^property (\S+) should not exist$/, 'is not a known field'),
      });
    }
    if (error.children?.length) collect(error.children, field, out);
  }
}

/** class-validator errors as a flat list of {field, message}. */
export function fieldProblems(errors: ValidationError[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  collect(errors, '', out);
  return out;
}

/** Fields a detail names, at most; the errors list (capped itself) has the rest. */
const FIELDS_IN_DETAIL = 10;

/** `Invalid fields: a, b.`, or the first ten and how many more. */
export function invalidFieldsDetail(problems: FieldProblem[]): string {
  const fields = [...new Set(problems.map((p) => p.field))];
  const named = fields.slice(0, FIELDS_IN_DETAIL).join(', ');
  const more = fields.length - FIELDS_IN_DETAIL;
  return more > 0 ? `Invalid fields: ${named} and ${more} more.` : `Invalid fields: ${named}.`;
}

/** Path parameter sets remembered per DTO class once they passed, and the longest one kept. */
const PARAM_MEMO_ENTRIES = 5_000;
const PARAM_MEMO_KEY_MAX = 512;

type Flat = Record<string, string | number | boolean | null | undefined>;

/** The object's own values are all primitives, so a shallow copy is a full copy. */
function isFlat(value: unknown): value is Flat {
  if (typeof value !== 'object' || value === null) return false;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === 'object') return false;
    if (typeof item === 'function' || typeof item === 'symbol' || typeof item === 'bigint')
      return false;
  }
  return true;
}

/** A copy of a validated instance: same class, same own values. */
function copyOf(instance: Flat): Flat {
  return Object.assign(Object.create(Object.getPrototypeOf(instance) as object) as Flat, instance);
}

/**
 * Nest's ValidationPipe turns a null or missing body into `{}` before validating it, so a DTO whose
 * fields are all optional accepted `null`. A body bound to a DTO must be a JSON object.
 *
 * Path parameters and query strings that passed are remembered per DTO class (by their text, a
 * bounded LRU): a polled route (an appliance's status, a month of therapy logs) is asked with the
 * same few values over and over, and class-transformer plus class-validator cost about a fifth of
 * such a request's CPU (bench/HISTORY.md, bench/README.md). Only parameters and queries, whose
 * rules are pure functions of the text (no clock, no I/O: keep them so), and only when the values
 * and the validated ones are all primitives (a repeated query parameter is a list: worked out every
 * time); refusals are not remembered and are worked out every time.
 */
class BodyValidationPipe extends ValidationPipe {
  private readonly params = new WeakMap<object, LRUCache<string, Flat>>();

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (metadata.type === 'body' && !isObject && this.toValidate(metadata)) {
      return Promise.reject(
        new ProblemException(ErrorCode.VALIDATION_FAILED, {
          detail: 'The request body must be a JSON object.',
          errors: [{ field: 'body', message: 'must be a JSON object' }],
        }),
      );
    }
    if (metadata.type === 'body' && isObject && metadata.metatype) {
      value = withCurrentNames(metadata.metatype, value as Record<string, unknown>);
    }
    if (
      (metadata.type === 'param' || metadata.type === 'query') &&
      metadata.metatype &&
      isFlat(value)
    ) {
      return this.validParams(value, metadata, metadata.metatype);
    }
    return super.transform(value, metadata);
  }

  private validParams(value: Flat, metadata: ArgumentMetadata, metatype: object): Promise<unknown> {
    const key = JSON.stringify(value);
    if (key.length > PARAM_MEMO_KEY_MAX || !this.toValidate(metadata)) {
      return super.transform(value, metadata);
    }
    let memo = this.params.get(metatype);
    const known = memo?.get(key);
    if (known) return Promise.resolve(copyOf(known));
    return super.transform(value, metadata).then((validated: unknown) => {
      if (isFlat(validated)) {
        if (!memo) {
          memo = new LRUCache<string, Flat>({ max: PARAM_MEMO_ENTRIES });
          this.params.set(metatype, memo);
        }
        memo.set(key, copyOf(validated));
      }
      return validated;
    });
  }
}

/** Validates every DTO, refuses unknown fields, and answers 400 VALIDATION_FAILED naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const problems = fieldProblems(errors);
      return new ProblemException(ErrorCode.VALIDATION_FAILED, {
        detail: invalidFieldsDetail(problems),
        errors: problems,
      });
    },
  });
}
