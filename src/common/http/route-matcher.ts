/**
 * Which methods the registered routes have for a path: the `Allow` of a 405 (RFC 9110 15.5.6).
 *
 * A fixed segment of one route is never a parameter value of another route at the same place
 * (`GET /v1/therapy/devices/check` vs `DELETE /v1/therapy/devices/:uniqueId`): Fastify's router
 * only prefers the fixed segment within one method, so `DELETE .../check` would reach the
 * parametric route. Such a request is answered as if no route of its method matched (405 with
 * `Allow`, or 404), and `Allow` is worked out by the same rule.
 */
export class RouteMatcher {
  private readonly routeUrls: { method: string; segments: string[] }[] = [];
  /** The segments of every route in `routeUrls`. */
  private readonly templates: string[][] = [];
  private patternCache: { regex: RegExp; method: string }[] | undefined;
  private readonly reservedCache = new Map<string, Map<string, Set<string>> | null>();

  /** Remembers a registered route, to answer 405 for its path. */
  add(method: string, url: string): void {
    // The CORS preflight catch-all (`OPTIONS *`) is not a resource.
    if (url === '*' || url === '/*') return;
    const segments = url.split('/');
    this.routeUrls.push({ method, segments });
    this.templates.push(segments);
    this.patternCache = undefined;
    this.reservedCache.clear();
  }

  private get patterns(): { regex: RegExp; method: string }[] {
    this.patternCache ??= this.routeUrls.map(({ method, segments }) => ({
      regex: routePattern(segments, this.templates),
      method,
    }));
    return this.patternCache;
  }

  /**
   * Does this request give a route's parameter a fixed word of another route (see the class)?
   * Worked out once per route template; routes without such words cost one map lookup.
   */
  takesReservedWord(url: string | undefined, params: unknown): boolean {
    if (url === undefined || !url.includes(':')) return false;
    let reserved = this.reservedCache.get(url);
    if (reserved === undefined) {
      const segments = url.split('/');
      const byIndex = reservedWords(segments, this.templates);
      reserved = byIndex
        ? new Map([...byIndex].map(([i, words]) => [segments[i].slice(1), words]))
        : null;
      this.reservedCache.set(url, reserved);
    }
    if (!reserved) return false;
    const values = (params ?? {}) as Record<string, unknown>;
    for (const [name, words] of reserved) {
      const value = values[name];
      if (typeof value === 'string' && words.has(value)) return true;
    }
    return false;
  }

  /** The methods some route has for this path, for `Allow`; undefined when none has it. */
  allowedMethods(url: string): string | undefined {
    const path = url.split('?')[0];
    const methods = new Set(this.patterns.filter((p) => p.regex.test(path)).map((p) => p.method));
    return methods.size > 0 ? [...methods].sort().join(', ') : undefined;
  }
}

/**
 * The fixed words other routes (`templates`, split at `/`) have where `segments` has a parameter
 * (same segments before it), by segment index; null when there are none.
 */
function reservedWords(segments: string[], templates: string[][]): Map<number, Set<string>> | null {
  let reserved: Map<number, Set<string>> | null = null;
  segments.forEach((segment, i) => {
    if (!segment.startsWith(':')) return;
    const prefix = segments.slice(0, i).join('/');
    for (const other of templates) {
      const word = other[i];
      if (word === undefined || word.startsWith(':') || word === '*') continue;
      if (other.slice(0, i).join('/') !== prefix) continue;
      reserved ??= new Map();
      const words = reserved.get(i) ?? new Set<string>();
      words.add(word);
      reserved.set(i, words);
    }
  });
  return reserved;
}

/**
 * The paths a route template (`:name` parameters, `*` wildcard, split at `/`) matches, by the
 * fixed-word rule of the class: the OpenAPI contract checker of the tests matches paths by it too.
 */
export function routePattern(segments: string[], templates: string[][]): RegExp {
  const reserved = reservedWords(segments, templates);
  const pattern = segments
    .map((segment, i) => {
      if (segment === '*') return '.*';
      if (!segment.startsWith(':')) return escapeRegex(segment);
      const words = reserved?.get(i);
      return words ? `(?!(?:${[...words].map(escapeRegex).join('|')})(?:/|$))[^/]+` : '[^/]+';
    })
    .join('/');
  return new RegExp(`^${pattern}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
