/**
 * Fills `:name` placeholders of an upstream path template with encoded values, so a value such as
 * `../info` or `a/b?c` stays one path segment and can never reach another upstream route.
 */
export function upstreamPath(
  template: string,
  params: Record<string, string | number> = {},
): string {
  return template.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`upstreamPath: no value for :${name} in ${template}`);
    const text = String(value);
    if (text === '') throw new Error(`upstreamPath: empty value for :${name} in ${template}`);
    const encoded = encodeURIComponent(text);
    // encodeURIComponent leaves dots alone; a segment of only dots would be resolved by the peer.
    return /^\.+$/.test(encoded) ? encoded.replace(/\./g, '%2E') : encoded;
  });
}
