/**
 * What the gateway may forward as a credential in an upstream header (`Authorization: Bearer ...`):
 * visible ASCII, no space, no control character (RFC 9110 field-vchar without obs-text). undici
 * refuses anything else when it builds the request, so a value outside this set is the caller's
 * mistake, answered 400 where it enters, never an upstream call that cannot be sent.
 */
export const HEADER_TOKEN = /^[!-~]+$/;

/** The same rule as a JSON Schema `pattern`, for the OpenAPI document. */
export const HEADER_TOKEN_PATTERN = '^[!-~]+$';

/** Does `value` fit in an upstream header as a token? */
export function isHeaderToken(value: string): boolean {
  return HEADER_TOKEN.test(value);
}
