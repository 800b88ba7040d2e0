/** Keys whose values are secrets wherever they occur in a log object. */
const SECRET_KEY =
  /authorization|cookie|password|passwd|secret|token|api[-_]?key|service[-_]?key|access[-_]?key|private[-_]?key|encryption[-_]?key|s-connector-jwt|credential|validnum|verification[-_]?code/i;
/** Values that look like credentials even under an innocent key. */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const MARK = '[REDACTED]';

export function redactString(value: string): string {
  return value.replace(BEARER, `$1 ${MARK}`).replace(JWT, MARK);
}

/** A copy of `value` with secret-named keys masked and credential-looking strings scrubbed. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redactString(value.message),
      stack: value.stack && redactString(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? MARK : redact(item, depth + 1);
  }
  return out;
}
