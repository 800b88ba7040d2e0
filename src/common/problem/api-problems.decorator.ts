import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

/** The one description of each problem status (src/openapi turns them into shared responses). */
export const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (`VALIDATION_FAILED` naming each field, `MALFORMED_BODY`, or an upstream refusal).',
  401: 'No valid gateway token (`UNAUTHENTICATED`, `INVALID_TOKEN`), or the upstream account must sign in again.',
  403: 'A scope is missing, or the upstream account is not linked (`ACCOUNT_NOT_LINKED`).',
  404: 'Not found.',
  409: 'Conflicts with the current state (or a request with the same `Idempotency-Key` is still running: see `Retry-After`).',
  410: 'The account was deleted (`ACCOUNT_DELETED`).',
  413: 'The body is larger than the configured limit.',
  415: 'Unsupported content type.',
  422: 'The `Idempotency-Key` was used for a request with another body (`IDEMPOTENCY_KEY_REUSED`).',
  429: 'Rate limited; see `Retry-After` and `RateLimit`.',
  500: 'Internal error (`INTERNAL_ERROR`); no details are disclosed.',
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
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
