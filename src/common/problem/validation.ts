import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { NOT_NULL_CONSTRAINT } from '../validation/dto-rules';
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

/**
 * Nest's ValidationPipe turns a null or missing body into `{}` before validating it, so a DTO whose
 * fields are all optional accepted `null`. A body bound to a DTO must be a JSON object.
 */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (metadata.type === 'body' && !isObject && this.toValidate(metadata)) {
      throw new ProblemException(ErrorCode.VALIDATION_FAILED, {
        detail: 'The request body must be a JSON object.',
        errors: [{ field: 'body', message: 'must be a JSON object' }],
      });
    }
    return super.transform(value, metadata);
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
