import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (`VALIDATION_FAILED`, `MALFORMED_BODY`, or an upstream refusal).',
  401: 'No valid gateway token, or the upstream account must sign in again.',
  403: 'A scope is missing, or the upstream account is not linked (`ACCOUNT_NOT_LINKED`).',
  404: 'Not found.',
  409: 'Conflicts with the current state.',
  413: 'The body is larger than the configured limit.',
  415: 'Unsupported content type.',
  429: 'Rate limited; see `Retry-After`.',
  500: 'Internal error (no details are disclosed).',
  502: 'The upstream failed or answered something unreadable.',
  503: 'The upstream or the gateway is unavailable; see `Retry-After` when present.',
  504: 'The upstream did not answer in time.',
};

/** Declares problem+json answers for the given statuses. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
