import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/** Validates every DTO, refuses unknown fields, and answers 400 VALIDATION_FAILED naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const problems = fieldProblems(errors);
      const fields = [...new Set(problems.map((p) => p.field))].join(', ');
      return new ProblemException(ErrorCode.VALIDATION_FAILED, {
        detail: `Invalid fields: ${fields}.`,
        errors: problems,
      });
    },
  });
}
