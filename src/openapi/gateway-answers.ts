import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PUBLIC_EXTENSION } from '../common/access/public.decorator';
import { PROBLEM_DESCRIPTIONS } from '../common/problem/api-problems.decorator';

/**
 * What the gateway does on every route, declared once here rather than on every controller method:
 * the answers its shared machinery can give (the guard's 401, the rate limiter's 429, validation,
 * body parsing, shutdown and store outages), the headers it always or sometimes sends, ETags and
 * 304s on cacheable reads, and OpenAPI 3.0 nullability spelled so that null really validates.
 * Runs on the generated document (src/openapi/openapi.ts), so a new route gets it too; before the
 * public marker is replaced by `security: []`. Problem
 * answers are shared `components.responses` (`Problem404`...), headers `components.headers`.
 */

const PROBLEM_REF = '#/components/schemas/ProblemDto';
const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } };

/** GETs that are probes, not resources: no ETag. */
const NOT_CACHEABLE = new Set(['/health/live', '/health/ready', '/metrics']);

const HEADERS: Record<string, HeaderObject> = {
  XRequestId: {
    description:
      'The request id: the client’s own `x-request-id` when it is sane (1 to 128 of letters, ' +
      'digits and `._:@/+=-`), else a new UUID. Also in a problem’s `requestId`.',
    required: true,
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:@/+=-]{1,128}$' },
  },
  WwwAuthenticate: {
    description:
      'RFC 6750 challenge of the gateway’s token check: `Bearer realm="junction"`, with `error` ' +
      '(`invalid_token`, `insufficient_scope`) when a token was sent; on the token endpoint, ' +
      '`Basic realm="junction"` after a failed client authentication. Absent when the upstream ' +
      'account must sign in again, or is not linked.',
    schema: { type: 'string' },
  },
  RetryAfter: {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 0 },
  },
  RateLimit: {
    description:
      'IETF draft RateLimit of the caller’s limit groups: `"<group>";r=<requests left>;t=<seconds ' +
      'until the window resets>`, one item per group the route counts toward (a structured-field ' +
      'list: the link routes also count toward the per-IP `auth` group). Sent by rate-limited ' +
      'routes once the caller is known.',
    schema: {
      type: 'string',
      pattern: '^"[a-z-]+";r=\\d+;t=\\d+(, "[a-z-]+";r=\\d+;t=\\d+)*$',
    },
  },
  RateLimitPolicy: {
    description:
      'IETF draft RateLimit-Policy: `"<group>";q=<limit>;w=<window seconds>`, one item per group.',
    schema: {
      type: 'string',
      pattern: '^"[a-z-]+";q=\\d+;w=\\d+(, "[a-z-]+";q=\\d+;w=\\d+)*$',
    },
  },
  ETag: {
    description:
      'Weak validator of the answer (`W/"<base64url>"`): send it back in `If-None-Match` to get ' +
      '304 when nothing changed. Weak, because the same answer travels brotli, gzip or plain.',
    required: true,
    schema: { type: 'string', pattern: '^W/"[A-Za-z0-9_-]+"$' },
  },
};

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/headers/${name}` });

/** The headers every answer may carry (the rate-limit pair only on rate-limited routes). */
const COMMON_HEADERS = {
  'x-request-id': ref('XRequestId'),
  RateLimit: ref('RateLimit'),
  'RateLimit-Policy': ref('RateLimitPolicy'),
};

const IF_NONE_MATCH: ParameterObject = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description:
    'ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the ' +
    'current answer has one of them.',
  schema: { type: 'string' },
};

/** The shared problem answer of one status. */
function problemResponse(status: number): ResponseObject {
  const headers: Record<string, HeaderObject | ReferenceObject> = { ...COMMON_HEADERS };
  // 401 from the token check; 403 `INSUFFICIENT_SCOPE` (`error="insufficient_scope"`).
  if (status === 401 || status === 403) headers['WWW-Authenticate'] = ref('WwwAuthenticate');
  if (status === 429) {
    headers['Retry-After'] = { ...HEADERS.RetryAfter, required: true };
    headers.RateLimit = { ...HEADERS.RateLimit, required: true };
    headers['RateLimit-Policy'] = { ...HEADERS.RateLimitPolicy, required: true };
  }
  // 409 `IDEMPOTENT_REQUEST_IN_FLIGHT` says when to ask again.
  if (status === 503 || status === 409) headers['Retry-After'] = ref('RetryAfter');
  return {
    description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
    headers,
    content: PROBLEM_CONTENT,
  };
}

const isProblemOnly = (response: ResponseObject): boolean =>
  !response.headers &&
  Object.keys(response.content ?? {}).length === 1 &&
  (response.content?.['application/problem+json']?.schema as ReferenceObject | undefined)?.$ref ===
    PROBLEM_REF;

export function declareGatewayAnswers(document: OpenAPIObject): void {
  const components = (document.components ??= {});
  components.headers = { ...components.headers, ...HEADERS };
  const responses: Record<string, ResponseObject> = {};
  const problem = (status: number): ReferenceObject => {
    responses[`Problem${status}`] ??= problemResponse(status);
    return { $ref: `#/components/responses/Problem${status}` };
  };

  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'patch', 'delete'].includes(method)) continue;
      const operation = value as OperationObject;
      const answers = operation.responses as Record<string, ResponseObject | ReferenceObject>;
      // @Public() routes (marked by the extension, turned into `security: []` afterwards).
      const isPublic = (value as Record<string, unknown>)[PUBLIC_EXTENSION] === true;
      // Authenticated routes count toward the caller's `default` limit; a public route is limited
      // when it says so (the token endpoint declares its own 429).
      const rateLimited = !isPublic || answers['429'] !== undefined;
      const hasPathParams = (operation.parameters ?? []).some(
        (p) => (p as ParameterObject).in === 'path',
      );
      const gateway = new Set<number>([500, 503]);
      // Authenticated routes: the token check, and (they call upstreams) an upstream's refusal of
      // the request as invalid (400 UPSTREAM_REJECTED_REQUEST).
      if (!isPublic) [400, 401].forEach((s) => gateway.add(s));
      if (rateLimited) gateway.add(429);
      if (hasPathParams || operation.requestBody) gateway.add(400);
      if (operation.requestBody) [400, 413, 415].forEach((s) => gateway.add(s));
      for (const status of gateway) {
        const existing = answers[String(status)] as ResponseObject | undefined;
        if (existing && !isProblemOnly(existing)) {
          // The token endpoint's own RFC 6749 errors: the gateway's machinery (limits, shutdown)
          // still answers problem+json there.
          existing.content = { ...PROBLEM_CONTENT, ...existing.content };
        } else answers[String(status)] = problem(status);
      }

      for (const [status, answer] of Object.entries(answers)) {
        if ('$ref' in answer) continue;
        if (isProblemOnly(answer)) {
          answers[status] = problem(Number(status));
          continue;
        }
        answer.headers = {
          ...answer.headers,
          'x-request-id': COMMON_HEADERS['x-request-id'],
          ...(rateLimited
            ? { RateLimit: COMMON_HEADERS.RateLimit, 'RateLimit-Policy': ref('RateLimitPolicy') }
            : {}),
          ...(status === '503' ? { 'Retry-After': ref('RetryAfter') } : {}),
          // The token endpoint's invalid_client: a Basic challenge when Basic was tried.
          ...(status === '401' ? { 'WWW-Authenticate': ref('WwwAuthenticate') } : {}),
        };
      }
      if (method === 'get' && !NOT_CACHEABLE.has(path) && !isEventStream(operation)) {
        declareETag(operation);
      }
      // Bodies go through the global ValidationPipe, which refuses any member the DTO does not
      // declare (`forbidNonWhitelisted`), public ones (/v1/accounts) too. Not the OAuth
      // endpoints': they read their own body and ignore unknown parameters (RFC 6749 3.1, 3.2).
      if (!OAUTH_PATHS.has(path)) closeRequestBody(document, operation);
    }
  }
  components.responses = { ...components.responses, ...responses };
  fixNullability(document);
}

/** The RFC 6749 / 7009 endpoints, whose bodies take unknown parameters. */
const OAUTH_PATHS = new Set(['/v1/auth/token', '/v1/auth/revoke']);

/** `additionalProperties: false` on the body's schema and the schemas it nests. */
function closeRequestBody(document: OpenAPIObject, operation: OperationObject): void {
  const body = operation.requestBody as { content?: Record<string, { schema?: unknown }> };
  const schemas = document.components?.schemas ?? {};
  const seen = new Set<string>();
  const close = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const ref = (node as ReferenceObject).$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return;
      seen.add(name);
      close(schemas[name]);
      return;
    }
    const schema = node as SchemaObject;
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined)
      schema.additionalProperties = false;
    Object.values(schema.properties ?? {}).forEach(close);
    [
      schema.items,
      ...(schema.allOf ?? []),
      ...(schema.oneOf ?? []),
      ...(schema.anyOf ?? []),
    ].forEach(close);
  };
  Object.values(body?.content ?? {}).forEach((media) => close(media.schema));
}

/** A server-sent event stream: no ETag, no 304 (it never ends as one answer). */
function isEventStream(operation: OperationObject): boolean {
  const ok = operation.responses['200'] as ResponseObject | undefined;
  return ok?.content?.['text/event-stream'] !== undefined;
}

/** ETag on the 200, If-None-Match accepted, and a 304 carrying the 200's headers and no body. */
function declareETag(operation: OperationObject): void {
  const ok = operation.responses['200'] as ResponseObject | undefined;
  if (!ok) return;
  ok.headers = { ...ok.headers, ETag: ref('ETag') };
  operation.parameters = [...(operation.parameters ?? []), IF_NONE_MATCH];
  operation.responses['304'] = {
    description: 'Not modified: the answer still has one of the ETags in `If-None-Match`. No body.',
    headers: { ...ok.headers },
  };
}

/** A schema that admits exactly null under OpenAPI 3.0.3 (nullable adds null to `type`). */
const NULL_ONLY: SchemaObject = { type: 'object', nullable: true, enum: [null] };

/**
 * OpenAPI 3.0.3: `nullable: true` adds null to the `type` beside it and to nothing else. So
 * - `{nullable, allOf: [{$ref}]}` (what @nestjs/swagger writes for a nullable DTO property) does
 *   not admit null, because the referenced schema does not: written `oneOf: [{$ref}, null]`;
 * - a nullable `enum` admits null only when the enum lists it: null is added.
 */
function fixNullability(document: OpenAPIObject): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const schema = node as SchemaObject & Record<string, unknown>;
    if (schema.nullable === true) {
      if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && '$ref' in schema.allOf[0]) {
        schema.oneOf = [schema.allOf[0], NULL_ONLY];
        delete schema.allOf;
        delete schema.type;
        delete schema.nullable;
      } else if (Array.isArray(schema.enum) && !schema.enum.includes(null)) {
        schema.enum = [...(schema.enum as unknown[]), null];
      }
    }
    for (const [key, child] of Object.entries(schema)) {
      if (key !== 'enum' && key !== 'example' && key !== 'examples') visit(child);
    }
  };
  visit(document.components?.schemas);
  visit(document.paths);
}
