import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { isObject } from '../../common/is-object';

/**
 * The parts of FastAPI and pydantic v2 that a client of Nueyne can see: `{"detail": "..."}`
 * errors, the 422 list of `{type, loc, msg, input}`, lax type coercion and datetime output.
 */

/** An `HTTPException(status_code, detail)`. */
export class NueyneHttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'NueyneHttpError';
  }
}

export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** FastAPI's `RequestValidationError`: answered as 422 `{"detail": [issues]}`. */
export class RequestValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super('Request validation failed');
    this.name = 'RequestValidationError';
  }
}

export const INTERNAL_ERROR_DETAIL = 'Internal server error. Please try again later.';

// ---------------------------------------------------------------------------------------------
// Datetimes

/** A datetime as pydantic parsed it: wall-clock fields plus an optional UTC offset. */
export interface ParsedDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** Minutes east of UTC; null for a naive datetime. */
  offsetMinutes: number | null;
}

export interface DateTimeValue {
  /** How pydantic serialises it back (`2025-04-14T02:09:21.380000Z`). */
  json: string;
  /** How a MySQL DATETIME column keeps it: wall clock, whole seconds, no offset. */
  naive: string;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `YYYY-MM-DDTHH:MM:SS` in UTC, the simulator's server zone, without an offset. */
export function formatNaive(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function dateTimeError(reason: string): { type: string; msg: string } {
  return {
    type: 'datetime_from_date_parsing',
    msg: `Input should be a valid datetime or date, ${reason}`,
  };
}

/** Parses the RFC 3339-ish strings pydantic accepts; returns an error reason otherwise. */
export function parseDateTime(text: string): ParsedDateTime | { type: string; msg: string } {
  if (text.length < 10) return dateTimeError('input is too short');
  if (!/^\d{4}/.test(text)) return dateTimeError('invalid character in year');
  if (text[4] !== '-' || text[7] !== '-')
    return dateTimeError('invalid date separator, expected `-`');
  if (!/^\d{2}$/.test(text.slice(5, 7))) return dateTimeError('invalid character in month');
  if (!/^\d{2}$/.test(text.slice(8, 10))) return dateTimeError('invalid character in day');
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12)
    return dateTimeError('month value is outside expected range of 1-12');
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return dateTimeError('day value is outside expected range');
  const base = { year, month, day, hour: 0, minute: 0, second: 0, microsecond: 0 };
  if (text.length === 10) return { ...base, offsetMinutes: null };
  if (!'Tt_ '.includes(text[10])) {
    return dateTimeError('invalid datetime separator, expected `T`, `t`, `_` or space');
  }
  const time =
    /^(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/.exec(
      text.slice(11),
    );
  if (!time) return dateTimeError('invalid character in hour');
  const [, hh, mm, ss, fraction, zulu, sign, offH, offM] = time;
  const hour = Number(hh);
  const minute = Number(mm);
  const second = ss ? Number(ss) : 0;
  if (hour > 23) return dateTimeError('hour value is outside expected range of 0-23');
  if (minute > 59) return dateTimeError('minute value is outside expected range of 0-59');
  if (second > 59) return dateTimeError('second value is outside expected range of 0-59');
  let offsetMinutes: number | null = null;
  if (zulu) offsetMinutes = 0;
  else if (sign) offsetMinutes = (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
  return {
    ...base,
    hour,
    minute,
    second,
    microsecond: fraction ? Number(fraction.padEnd(6, '0')) : 0,
    offsetMinutes,
  };
}

export function toDateTimeValue(parsed: ParsedDateTime): DateTimeValue {
  const date = `${pad(parsed.year, 4)}-${pad(parsed.month)}-${pad(parsed.day)}`;
  const clock = `${pad(parsed.hour)}:${pad(parsed.minute)}:${pad(parsed.second)}`;
  const micros = parsed.microsecond ? `.${pad(parsed.microsecond, 6)}` : '';
  let zone = '';
  if (parsed.offsetMinutes === 0) zone = 'Z';
  else if (parsed.offsetMinutes !== null) {
    const abs = Math.abs(parsed.offsetMinutes);
    zone = `${parsed.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }
  // MySQL DATETIME(0) drops the offset (pymysql writes the wall clock) and rounds the fraction.
  const wallClock = Date.UTC(
    parsed.year,
    parsed.month - 1,
    parsed.day,
    parsed.hour,
    parsed.minute,
    parsed.second,
  );
  const rounded = wallClock + (parsed.microsecond >= 500_000 ? 1000 : 0);
  return { json: `${date}T${clock}${micros}${zone}`, naive: formatNaive(rounded) };
}

// ---------------------------------------------------------------------------------------------
// Validation

export type FieldType = 'str' | 'int' | 'float' | 'bool' | 'datetime';

export interface FieldSpec<T extends FieldType = FieldType, R extends boolean = boolean> {
  type: T;
  required: R;
}

export type Schema = Record<string, FieldSpec>;

export const required = <T extends FieldType>(type: T): FieldSpec<T, true> => ({
  type,
  required: true,
});
/** `Optional[X] = None`: may be absent or null. */
export const optional = <T extends FieldType>(type: T): FieldSpec<T, false> => ({
  type,
  required: false,
});

type ValueOf<T extends FieldType> = T extends 'str'
  ? string
  : T extends 'int' | 'float'
    ? number
    : T extends 'bool'
      ? boolean
      : DateTimeValue;

export type Parsed<S extends Schema> = {
  [K in keyof S as S[K]['required'] extends true ? K : never]: ValueOf<S[K]['type']>;
} & {
  [K in keyof S as S[K]['required'] extends true ? never : K]?: ValueOf<S[K]['type']> | null;
};

type Coerced = { ok: true; value: unknown } | { ok: false; type: string; msg: string };

const fail = (type: string, msg: string): Coerced => ({ ok: false, type, msg });

const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/** pydantic v2 lax-mode coercion of one JSON (or query-string) value. */
function coerce(type: FieldType, input: unknown): Coerced {
  switch (type) {
    case 'str':
      return typeof input === 'string'
        ? { ok: true, value: input }
        : fail('string_type', 'Input should be a valid string');
    case 'int': {
      if (typeof input === 'boolean') return { ok: true, value: input ? 1 : 0 };
      if (typeof input === 'number') {
        return Number.isInteger(input)
          ? { ok: true, value: input }
          : fail(
              'int_from_float',
              'Input should be a valid integer, got a number with a fractional part',
            );
      }
      if (typeof input === 'string') {
        const text = input.trim();
        return /^[+-]?\d+$/.test(text)
          ? { ok: true, value: Number(text) }
          : fail(
              'int_parsing',
              'Input should be a valid integer, unable to parse string as an integer',
            );
      }
      return fail('int_type', 'Input should be a valid integer');
    }
    case 'float': {
      if (typeof input === 'boolean') return { ok: true, value: input ? 1 : 0 };
      if (typeof input === 'number') return { ok: true, value: input };
      if (typeof input === 'string') {
        const text = input.trim();
        return text !== '' && Number.isFinite(Number(text))
          ? { ok: true, value: Number(text) }
          : fail(
              'float_parsing',
              'Input should be a valid number, unable to parse string as a number',
            );
      }
      return fail('float_type', 'Input should be a valid number');
    }
    case 'bool': {
      if (typeof input === 'boolean') return { ok: true, value: input };
      if (input === 0 || input === 1) return { ok: true, value: input === 1 };
      if (typeof input === 'string') {
        const word = input.trim().toLowerCase();
        if (TRUE_WORDS.has(word)) return { ok: true, value: true };
        if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      }
      if (typeof input === 'string' || typeof input === 'number') {
        return fail('bool_parsing', 'Input should be a valid boolean, unable to interpret input');
      }
      return fail('bool_type', 'Input should be a valid boolean');
    }
    case 'datetime': {
      if (typeof input === 'number' && Number.isFinite(input)) {
        const ms = Math.abs(input) > 2e10 ? input : input * 1000;
        const parsed = parseDateTime(new Date(ms).toISOString());
        return 'year' in parsed
          ? { ok: true, value: toDateTimeValue(parsed) }
          : fail(parsed.type, parsed.msg);
      }
      if (typeof input !== 'string')
        return fail('datetime_type', 'Input should be a valid datetime');
      const parsed = parseDateTime(input);
      return 'year' in parsed
        ? { ok: true, value: toDateTimeValue(parsed) }
        : fail(parsed.type, parsed.msg);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !Buffer.isBuffer(value);
}

function validateFields<S extends Schema>(
  source: Record<string, unknown>,
  schema: S,
  where: 'body' | 'query',
  missingInput: unknown,
  emptyIsMissing: boolean,
): { value: Parsed<S>; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const value: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    let raw = Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
    if (where === 'query' && Array.isArray(raw)) raw = raw[raw.length - 1];
    if (emptyIsMissing && raw === '') raw = undefined;
    if (raw === undefined || (raw === null && !spec.required)) {
      if (spec.required) {
        issues.push({
          type: 'missing',
          loc: [where, name],
          msg: 'Field required',
          input: missingInput,
        });
      } else {
        value[name] = null;
      }
      continue;
    }
    const result = coerce(spec.type, raw);
    if (result.ok) value[name] = result.value;
    else issues.push({ type: result.type, loc: [where, name], msg: result.msg, input: raw });
  }
  return { value: value as Parsed<S>, issues };
}

/** A JSON body model parameter (`body: SomeModel`), required as FastAPI makes it. */
export function validateBody<S extends Schema>(body: unknown, schema: S): Parsed<S> {
  if (body === undefined || body === null) {
    throw new RequestValidationError([
      { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
    ]);
  }
  if (!isPlainObject(body)) {
    throw new RequestValidationError([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: Buffer.isBuffer(body) ? body.toString() : body,
      },
    ]);
  }
  const { value, issues } = validateFields(body, schema, 'body', body, false);
  if (issues.length) throw new RequestValidationError(issues);
  return value;
}

/** `Form(...)` fields: only a url-encoded or multipart body counts, and "" is missing. */
export function validateForm<S extends Schema>(request: FastifyRequest, schema: S): Parsed<S> {
  const contentType = request.headers['content-type'] ?? '';
  const isForm = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(contentType);
  const source = isForm && isPlainObject(request.body) ? request.body : {};
  const { value, issues } = validateFields({ ...source }, schema, 'body', null, true);
  if (issues.length) throw new RequestValidationError(issues);
  return value;
}

export function validateQuery<S extends Schema>(request: FastifyRequest, schema: S): Parsed<S> {
  const query = isPlainObject(request.query) ? { ...request.query } : {};
  const { value, issues } = validateFields(query, schema, 'query', null, false);
  if (issues.length) throw new RequestValidationError(issues);
  return value;
}

/** An `int` path parameter. */
export function pathInt(request: FastifyRequest, name: string): number {
  const params = isPlainObject(request.params) ? request.params : {};
  const raw = params[name];
  const result = coerce('int', raw);
  if (result.ok) return result.value as number;
  throw new RequestValidationError([
    { type: result.type, loc: ['path', name], msg: result.msg, input: raw },
  ]);
}

export function pathString(request: FastifyRequest, name: string): string {
  const params = isPlainObject(request.params) ? request.params : {};
  const raw = params[name];
  return typeof raw === 'string' ? raw : '';
}

// ---------------------------------------------------------------------------------------------
// App-wide behaviour

/**
 * Where and why Python's `json.loads` gives up on a text that `JSON.parse` rejected: FastAPI
 * reports that position in `loc` and the reason in `ctx.error`.
 */
export function pythonJsonError(text: string): { pos: number; error: string } {
  let pos = 0;
  class Stop extends Error {
    constructor(
      readonly at: number,
      readonly reason: string,
    ) {
      super(reason);
    }
  }
  const skip = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos += 1;
  };
  const string = () => {
    const start = pos;
    pos += 1;
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === '\\') pos += 1;
      else if (text.charCodeAt(pos) < 0x20) throw new Stop(pos, 'Invalid control character at');
      pos += 1;
    }
    if (pos >= text.length) throw new Stop(start, 'Unterminated string starting at');
    pos += 1;
  };
  const value = (): void => {
    skip();
    const char = text[pos];
    if (char === '"') return string();
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      pos += 1;
      skip();
      if (text[pos] === close) {
        pos += 1;
        return;
      }
      for (;;) {
        if (close === '}') {
          skip();
          if (text[pos] !== '"') {
            throw new Stop(pos, 'Expecting property name enclosed in double quotes');
          }
          string();
          skip();
          if (text[pos] !== ':') throw new Stop(pos, "Expecting ':' delimiter");
          pos += 1;
        }
        value();
        skip();
        if (text[pos] === close) {
          pos += 1;
          return;
        }
        if (text[pos] !== ',') throw new Stop(pos, "Expecting ',' delimiter");
        pos += 1;
      }
    }
    const literal = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      text.slice(pos),
    );
    if (!literal) throw new Stop(pos, 'Expecting value');
    pos += literal[0].length;
  };
  try {
    value();
    skip();
    return pos < text.length ? { pos, error: 'Extra data' } : { pos: 0, error: 'Expecting value' };
  } catch (error) {
    if (error instanceof Stop) return { pos: error.at, error: error.reason };
    throw error;
  }
}

function jsonInvalid(text: string): RequestValidationError {
  const { pos, error } = pythonJsonError(text);
  return new RequestValidationError([
    {
      type: 'json_invalid',
      loc: ['body', pos],
      msg: 'JSON decode error',
      input: {},
      ctx: { error },
    },
  ]);
}

/**
 * JSON parsing, error bodies and the 404 as a FastAPI app answers them: an empty JSON body is a
 * missing body (422 on validation), a malformed one is 422 `json_invalid`, an unknown route is
 * 404 `{"detail": "Resource not found"}` and an unhandled error is Nueyne's 500.
 */
export function installFastApiBehaviour(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser<string>(
    'application/json',
    { parseAs: 'string' },
    (_request, text, done) => {
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      try {
        done(null, JSON.parse(text));
      } catch {
        done(jsonInvalid(text), undefined);
      }
    },
  );
  app.addContentTypeParser<string>('*', { parseAs: 'string' }, (_request, text, done) => {
    done(null, text);
  });

  // Starlette answers a known path with another method 405, and an unknown path 404.
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook('onRoute', (route) => {
    const source = route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+');
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routes.push({ pattern: new RegExp(`^${source}$`), methods: methods.map(String) });
  });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0];
    const allowed = routes
      .filter((route) => route.pattern.test(path))
      .flatMap((route) => route.methods)
      .filter((method) => method !== 'HEAD');
    if (allowed.length) {
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send({ detail: 'Method Not Allowed' });
    }
    return reply.status(404).send({ detail: 'Resource not found' });
  });

  app.setErrorHandler(async (error: FastifyError, _request, reply) => {
    if (error instanceof NueyneHttpError) {
      return reply.status(error.status).headers(error.headers).send({ detail: error.detail });
    }
    if (error instanceof RequestValidationError) {
      return reply.status(422).send({ detail: error.issues });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) return reply.status(status).send({ detail: error.message });
    return reply.status(500).send({ detail: INTERNAL_ERROR_DETAIL });
  });
}
