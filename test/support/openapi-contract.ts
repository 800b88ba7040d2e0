import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routePattern } from '../../src/common/http/route-matcher';

/**
 * Checks an HTTP answer of the gateway against the committed openapi.json: the status is declared
 * for the operation, the content type is one it declares, the body validates against its schema,
 * every declared required header is there and valid, and none of the gateway's own headers
 * (x-request-id, ETag, Retry-After, RateLimit...) is sent without being declared.
 *
 * OpenAPI 3.0 schemas are not JSON Schema, so they are converted first, by the 3.0.3 rules:
 * `nullable: true` adds null to the `type` beside it and nothing else (an `allOf`/`$ref` beside it
 * does not admit null, and an `enum` must list null itself); `example` and the other OpenAPI-only
 * keywords are dropped. Answers are held to the spec strictly: an object schema that does not say
 * `additionalProperties` admits no undeclared member, so a field the code sends and the spec
 * omits is drift too. Written by hand because no maintained library validates OpenAPI 3.0
 * responses with ajv 8 and 3.0.3's nullable rules (openapi-response-validator is unmaintained and
 * treats nullable loosely); ajv and ajv-formats do the validating.
 */

type Schema = Record<string, unknown>;
type Json = unknown;

interface Operation {
  responses?: Record<string, Response>;
}
interface Header {
  required?: boolean;
  schema?: Schema;
  $ref?: string;
}
interface Response {
  headers?: Record<string, Header>;
  content?: Record<string, { schema?: Schema }>;
  $ref?: string;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, Schema>;
    responses?: Record<string, Response>;
    headers?: Record<string, Header>;
  };
}

/** What the checker looks at in one answer. */
export interface ObservedResponse {
  method: string;
  /** The request path, query string allowed. */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (undefined when the answer is not JSON). */
  body?: Json;
  /** The raw text, to tell an empty body from `{}`. */
  text?: string;
}

/** Headers the gateway sets itself: sending one that the operation does not declare is drift. */
export const MONITORED_HEADERS = [
  'x-request-id',
  'etag',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'x-cache',
  'age',
  'www-authenticate',
];

const OPENAPI_ONLY = new Set(['nullable', 'example', 'xml', 'externalDocs', 'discriminator']);
const SCHEMA_REF = '#/components/schemas/';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Answers may not carry writeOnly members; requests may not carry readOnly ones. */
export type Direction = 'response' | 'request';

/** OpenAPI 3.0 schema -> JSON Schema (draft-07), by the rules in the class comment. */
export function toJsonSchema(
  schema: Json,
  inComposition = false,
  direction: Direction = 'response',
): Json {
  const convert = (value: Json, composed = inComposition) =>
    toJsonSchema(value, composed, direction);
  const hidden = direction === 'response' ? 'writeOnly' : 'readOnly';
  if (Array.isArray(schema)) return schema.map((item) => convert(item));
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as Schema;
  if (typeof source.$ref === 'string') {
    // OpenAPI 3.0: siblings of $ref are ignored.
    return { $ref: source.$ref.replace(SCHEMA_REF, `${direction}#/definitions/`) };
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (OPENAPI_ONLY.has(key)) continue;
    switch (key) {
      case 'properties': {
        const props: Schema = {};
        for (const [name, sub] of Object.entries(value as Schema)) {
          props[name] = (sub as Schema)?.[hidden] === true ? false : convert(sub);
        }
        out.properties = props;
        break;
      }
      case 'items':
      case 'not':
        out[key] = convert(value, false);
        break;
      case 'additionalProperties':
        out[key] = typeof value === 'object' ? convert(value, false) : value;
        break;
      case 'allOf':
        // The members of an allOf each see only part of the object: none may close it.
        out[key] = (value as Json[]).map((item) => convert(item, true));
        break;
      case 'oneOf':
      case 'anyOf':
        out[key] = (value as Json[]).map((item) => convert(item));
        break;
      default:
        out[key] = value;
    }
  }
  if (source.nullable === true && typeof source.type === 'string') {
    out.type = [source.type, 'null'];
  }
  if (Array.isArray(source.required) && source.properties) {
    const absent = Object.entries(source.properties as Schema)
      .filter(([, sub]) => (sub as Schema)?.[hidden] === true)
      .map(([name]) => name);
    out.required = (source.required as string[]).filter((name) => !absent.includes(name));
  }
  const isObject = source.type === 'object' || source.properties !== undefined;
  if (isObject && source.additionalProperties === undefined && !inComposition && !source.allOf) {
    out.additionalProperties = false;
  }
  return out;
}

interface CompiledPath {
  template: string;
  regex: RegExp;
  /** Literal segments: a template with more of them wins (`/devices/check` over `/devices/{id}`). */
  literals: number;
  operations: Record<string, Operation>;
}

export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly paths: CompiledPath[];
  private readonly validators = new Map<string, Map<Schema, ValidateFunction>>([
    ['response', new Map()],
    ['request', new Map()],
  ]);

  constructor(readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    addFormats(this.ajv);
    for (const direction of ['response', 'request'] as const) {
      const definitions: Schema = {};
      for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
        definitions[name] = toJsonSchema(schema, false, direction);
      }
      this.ajv.addSchema({ $id: direction, definitions });
    }
    // The gateway's own matcher: a parameter never takes a fixed word another path has at the
    // same place (`DELETE /devices/check` is not `DELETE /devices/{id}`).
    const templates = Object.keys(document.paths).map((template) =>
      template.split('/').map((segment) => segment.replace(/^\{([^}]+)\}$/, ':$1')),
    );
    this.paths = Object.entries(document.paths)
      .map(([template, item], index) => {
        const segments = template.split('/');
        const operations: Record<string, Operation> = {};
        for (const [method, operation] of Object.entries(item)) {
          if (METHODS.includes(method)) operations[method] = operation;
        }
        return {
          template,
          regex: routePattern(templates[index], templates),
          literals: segments.filter((s) => !s.startsWith('{')).length,
          operations,
        };
      })
      .sort((a, b) => b.literals - a.literals);
  }

  static load(file = join(__dirname, '..', '..', 'openapi.json')): OpenApiContract {
    return new OpenApiContract(JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument);
  }

  /** The path templates the URL matches, most literal first (empty: not an API path). */
  matches(url: string): CompiledPath[] {
    const path = url.split('?')[0].split('#')[0];
    return this.paths.filter((p) => p.regex.test(path));
  }

  /**
   * Every way the answer departs from the spec (empty when it conforms). Paths the spec does not
   * describe (simulators, test probes, unknown routes) are not the spec's business: none.
   */
  check(observed: ObservedResponse): string[] {
    const candidates = this.matches(observed.url);
    if (candidates.length === 0) return [];
    const method = observed.method.toLowerCase();
    if (method === 'options') return [];
    const lookup = method === 'head' ? 'get' : method;
    const found = candidates.find((p) => p.operations[lookup]);
    if (!found) {
      // A known path, a method it does not have: 405 with Allow.
      const problems: string[] = [];
      if (observed.status !== 405)
        problems.push(`status ${observed.status} for a method the path does not have (want 405)`);
      if (!observed.headers.allow) problems.push('405 without an Allow header');
      return problems;
    }
    const operation = found.operations[lookup];
    const where = `${observed.method.toUpperCase()} ${found.template}`;
    const response = this.resolve(operation.responses?.[String(observed.status)]);
    if (!response) {
      const declared = Object.keys(operation.responses ?? {}).join(', ');
      return [`${where}: status ${observed.status} is not declared (declared: ${declared})`];
    }
    return [
      ...this.checkHeaders(where, observed, response),
      ...(method === 'head' ? [] : this.checkBody(where, observed, response)),
    ].map((p) => `${where} ${observed.status}: ${p}`);
  }

  private checkHeaders(where: string, observed: ObservedResponse, response: Response): string[] {
    const problems: string[] = [];
    const declared = new Map(
      Object.entries(response.headers ?? {}).map(([name, header]) => [
        name.toLowerCase(),
        this.resolve(header) as Header,
      ]),
    );
    for (const [name, header] of declared) {
      const raw = observed.headers[name];
      if (raw === undefined) {
        if (header.required) problems.push(`required header ${name} is missing`);
        continue;
      }
      if (!header.schema) continue;
      const value = Array.isArray(raw) ? raw.join(', ') : raw;
      const schema = header.schema;
      const typed =
        (schema.type === 'integer' || schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(value)
          ? Number(value)
          : value;
      const errors = this.validate(schema, typed);
      if (errors) problems.push(`header ${name}: ${JSON.stringify(value)} ${errors}`);
    }
    for (const name of MONITORED_HEADERS) {
      if (observed.headers[name] !== undefined && !declared.has(name))
        problems.push(`header ${name} is sent but not declared`);
    }
    return problems;
  }

  private checkBody(where: string, observed: ObservedResponse, response: Response): string[] {
    const contentType = String(observed.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const empty = observed.text === undefined || observed.text === '';
    if (!response.content || Object.keys(response.content).length === 0) {
      return empty ? [] : [`a body is sent (${contentType}) but none is declared`];
    }
    const media = response.content[contentType];
    if (!media) {
      const declared = Object.keys(response.content).join(', ');
      return [`content type ${contentType || '(none)'} is not declared (declared: ${declared})`];
    }
    if (!media.schema || !/[/+]json$/.test(contentType)) return [];
    const errors = this.validate(media.schema, observed.body);
    return errors ? [`body ${errors}`] : [];
  }

  /** A value against a named schema of `components.schemas` (a request body, say). */
  validateComponent(
    name: string,
    value: Json,
    direction: Direction = 'request',
  ): string | undefined {
    const schema = this.document.components?.schemas?.[name];
    if (!schema) throw new Error(`openapi.json has no schema ${name}`);
    return this.validate(schema, value, direction);
  }

  /** A value against the schema of one parameter of an operation. */
  validateParameter(method: string, path: string, name: string, value: Json): string | undefined {
    const operation = this.document.paths[path]?.[method] as
      { parameters?: { name: string; schema: Schema }[] } | undefined;
    const parameter = operation?.parameters?.find((p) => p.name === name);
    if (!parameter) throw new Error(`openapi.json: ${method} ${path} has no parameter ${name}`);
    return this.validate(parameter.schema, value, 'request');
  }

  /** A `#/components/...` reference followed (responses and headers may be shared). */
  private resolve<T extends { $ref?: string }>(value: T | undefined): T | undefined {
    if (!value?.$ref) return value;
    const [, , kind, name] = value.$ref.split('/');
    const components = this.document.components as Record<string, Record<string, T>> | undefined;
    const target = components?.[kind]?.[name];
    if (!target) throw new Error(`openapi.json: unresolved ${value.$ref}`);
    return this.resolve(target);
  }

  /** ajv's errors as one line, or undefined when the value validates. */
  validate(schema: Schema, value: Json, direction: Direction = 'response'): string | undefined {
    const compiled = this.validators.get(direction)!;
    let validator = compiled.get(schema);
    if (!validator) {
      validator = this.ajv.compile(toJsonSchema(schema, false, direction) as Schema);
      compiled.set(schema, validator);
    }
    if (validator(value)) return undefined;
    return (validator.errors ?? [])
      .slice(0, 8)
      .map((e) => {
        const extra =
          e.keyword === 'additionalProperties'
            ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})`
            : '';
        return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
      })
      .join('; ');
  }
}
