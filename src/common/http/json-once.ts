/**
 * The JSON text of answers built from cached values, by value: a cached value is never changed
 * once stored (a new one replaces it), so the answer built from it is serialised once, and every
 * warm read sends the same text instead of copying and serialising the value again. Weak: the
 * text goes when its value leaves the caches.
 */
const texts = new WeakMap<object, string>();

/** `build()`'s JSON text, made the first time `value` is answered. */
export function jsonOnce(value: object, build: () => unknown): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(build());
    texts.set(value, text);
  }
  return text;
}

/** Fastify's content type for a JSON answer, for a route that sends JSON text. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
