import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Phone numbers between the public API and Nueyne's two products. The public API speaks E.164
 * (`+821012345678`); Lux takes E.164 too, Elexir Legacy takes the Korean national form with dashes
 * (`010-1234-5678`). Parsing and number-plan checks are libphonenumber-js's (Google's metadata),
 * not ours.
 */

export interface ParsedPhone {
  /** Canonical E.164 (`+821012345678`; a stray national `0` after the country code is dropped). */
  e164: string;
  /** ISO 3166-1 alpha-2 region of the number, when the number plan says. */
  region?: string;
}

/** An international number (`+` and digits) that the number plan allows; undefined otherwise. */
export function parsePhone(text: string): ParsedPhone | undefined {
  if (!/^\+[1-9]\d{6,14}$/.test(text)) return undefined;
  const parsed = parsePhoneNumberFromString(text);
  if (!parsed?.isValid()) return undefined;
  return { e164: parsed.number, region: parsed.country };
}

/** Korean mobile numbers as Legacy writes them: `010-1234-5678` (also the older 3-3-4 form). */
const LEGACY_FORMAT = /^01\d-\d{3,4}-\d{4}$/;

/** E.164 as Elexir Legacy wants it (`010-1234-5678`); undefined unless a Korean mobile number. */
export function toLegacyPhone(e164: string): string | undefined {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid() || parsed.country !== 'KR') return undefined;
  const national = parsed.formatNational();
  return LEGACY_FORMAT.test(national) ? national : undefined;
}

/** Legacy's `010-1234-5678` as E.164; undefined when it is not that form. */
export function fromLegacyPhone(text: string): string | undefined {
  if (!LEGACY_FORMAT.test(text)) return undefined;
  const parsed = parsePhoneNumberFromString(text, 'KR');
  return parsed?.isValid() ? parsed.number : undefined;
}
