import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsISO8601,
  IsString,
  Length,
  Matches,
  registerDecorator,
  ValidateIf,
} from 'class-validator';

/** The upstreams' integer ids are 32-bit signed (Nueyne's database integers). */
export const INT32_MAX = 2_147_483_647;

/**
 * Visible ASCII, no space: what an identifier a vendor documents only as "string" may hold here.
 * Nothing a query string, a path segment or a log line would mangle.
 */
export const VISIBLE_ASCII = /^[\x21-\x7E]+$/;

/**
 * A year of dates and timestamps: four digits from 0100. validator.js's strict ISO 8601 check
 * reads years 0000-0099 as 1900-1999 and refuses them, and so do JavaScript's Date helpers the
 * Nueyne time conversion uses: they are refused by pattern, and the spec says so.
 */
const YEAR = '(?!00)\\d{4}';

/** `YYYY-MM-DD`, year from 0100 (the calendar check is IsISO8601's). */
export const CALENDAR_DATE = new RegExp(`^${YEAR}-\\d{2}-\\d{2}$`);

/**
 * An RFC 3339 timestamp (what `format: date-time` means): date, `T`, time with seconds, optional
 * fraction, and `Z` or `±HH:MM`; year from 0100.
 */
export const TIMESTAMP = new RegExp(
  `^${YEAR}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})$`,
);

/**
 * A date as `YYYY-MM-DD` that is on the calendar, year from 0100; the spec gets the same pattern
 * (beside `format: date`, which the property declares).
 */
export function IsCalendarDate(
  message = '$property must be a date as YYYY-MM-DD from year 0100',
): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ pattern: CALENDAR_DATE.source })(target, key);
    Matches(CALENDAR_DATE, { message })(target, key);
    IsISO8601({ strict: true }, { message })(target, key);
  };
}

/** A ThinQ device id as the gateway takes it: letters, digits, `.`, `_` and `-`. */
export const THINQ_DEVICE_ID = /^[A-Za-z0-9._-]+$/;

/** A canonical decimal integer from 1 to INT32_MAX: no sign, no leading zero, no `0x`, no `e`. */
const DECIMAL_ID = /^[1-9]\d{0,9}$/;

/**
 * A numeric id in the path. Path text is not coerced the way `Number()` would (`0x10` -> 16,
 * `1e3` -> 1000, 20 nines -> 1e20): only a canonical decimal integer within the upstream's range
 * becomes a number; anything else stays text and fails as "must be an integer", naming the
 * parameter. Declared as an int32 integer from 1.
 */
export function DecimalIdParam(description: string, example = 1): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: 'integer',
      format: 'int32',
      minimum: 1,
      maximum: INT32_MAX,
      example,
      description: `${description} A decimal integer from 1 to ${INT32_MAX}.`,
    }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL_ID.test(value) ? Number(value) : value,
    ),
    (target: object, key: string | symbol) =>
      registerDecorator({
        name: 'isDecimalId',
        target: target.constructor,
        propertyName: String(key),
        options: { message: `$property must be a decimal integer from 1 to ${INT32_MAX}` },
        validator: {
          validate: (value: unknown) =>
            typeof value === 'number' &&
            Number.isInteger(value) &&
            value >= 1 &&
            value <= INT32_MAX,
        },
      }),
  );
}

export const NOT_NULL_CONSTRAINT = 'notNull';

/**
 * An optional body field that may be left out but not sent as null (where the API gives null no
 * meaning): absent skips the field's other rules, null is a 400 naming it. class-validator's
 * `@IsOptional()` lets null through as if absent, and the services then read `null` as a value.
 */
export function OptionalNotNull(): PropertyDecorator {
  return (target, key) => {
    ValidateIf((_object: object, value: unknown) => value !== undefined)(target, key);
    NotNull()(target, key);
  };
}

/** null is a 400 naming the field, alone (src/common/problem/validation.ts drops the rest). */
export function NotNull(): PropertyDecorator {
  return (target, key) => {
    registerDecorator({
      name: NOT_NULL_CONSTRAINT,
      target: target.constructor,
      propertyName: String(key),
      options: { message: '$property must not be null (leave it out instead)' },
      validator: { validate: (value: unknown) => value !== null },
    });
  };
}

/** Per DTO class: a field's former spelling, and the field it is now. */
const FORMER_NAMES = new WeakMap<object, Map<string, string>>();

/**
 * Accepts `former`, the field's old spelling, in request bodies for a deprecation period
 * (CHANGELOG.md says until when): the validation pipe moves it to the field when the field itself
 * is absent. The OpenAPI document names only the field; sending both refuses the old one as an
 * unknown field.
 */
export function FormerlyNamed(former: string): PropertyDecorator {
  return (target, property) => {
    const owner = target.constructor;
    let names = FORMER_NAMES.get(owner);
    if (!names) {
      names = new Map();
      FORMER_NAMES.set(owner, names);
    }
    names.set(former, String(property));
  };
}

/** `body` with the former spellings `metatype` accepts renamed to its fields (a copy if any). */
export function withCurrentNames(
  metatype: object,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const names = FORMER_NAMES.get(metatype);
  if (!names) return body;
  let renamed = body;
  for (const [former, current] of names) {
    if (!Object.hasOwn(body, former) || Object.hasOwn(body, current)) continue;
    if (renamed === body) renamed = { ...body };
    renamed[current] = renamed[former];
    delete renamed[former];
  }
  return renamed;
}

const DEVICE_ID_MESSAGE = '$property may hold visible ASCII characters only (no spaces)';

/**
 * A Nueyne serial code or device unique id, 1 to 64 visible ASCII characters: Nueyne documents
 * them only as strings (its own examples: `test1`, `1`, `unique`, `SL20401000`,
 * `270038000C50524833343720`), and they travel in query strings and paths. Applied in the order
 * the same stacked decorators are, so the refusal messages keep their order.
 */
export function DeviceIdText(example: string, description: string): PropertyDecorator {
  return (target, key) => {
    Matches(VISIBLE_ASCII, { message: DEVICE_ID_MESSAGE })(target, key);
    Length(1, 64)(target, key);
    IsString()(target, key);
    ApiProperty({
      example,
      minLength: 1,
      maxLength: 64,
      pattern: VISIBLE_ASCII.source,
      description,
    })(target, key);
  };
}
