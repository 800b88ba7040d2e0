import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The committed spec (test/openapi.e2e-spec.ts checks that it is what the routes declare). */
const spec = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
};

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

/** Where each property name is declared: every `properties` of every schema, however nested. */
function propertyNames(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${where}[${i}]`));
      return;
    }
    if (!isNode(node)) return;
    if (isNode(node.properties) && (node.type === 'object' || node.type === undefined)) {
      for (const name of Object.keys(node.properties)) {
        if (!found.has(name)) found.set(name, new Set());
        found.get(name)!.add(where);
      }
    }
    for (const [key, value] of Object.entries(node)) walk(value, `${where}/${key}`);
  };
  walk(spec.components.schemas, '#/components/schemas');
  walk(spec.paths, '#/paths');
  return found;
}

/** The `$ref`-resolved schema of an operation's 200 answer. */
function okSchema(path: string): Node {
  const operation = spec.paths[path].get as Node;
  const content = ((operation.responses as Node)['200'] as Node).content as Node;
  let schema = (content['application/json'] as Node).schema as Node;
  while (typeof schema.$ref === 'string') {
    schema = spec.components.schemas[schema.$ref.split('/').pop()!] as Node;
  }
  return schema;
}

describe('openapi.json names', () => {
  it('spells every field one way: no two property names differ only by case', () => {
    const byLower = new Map<string, string[]>();
    for (const name of propertyNames().keys()) {
      const lower = name.toLowerCase();
      byLower.set(lower, [...(byLower.get(lower) ?? []), name]);
    }
    const clashes = [...byLower.values()].filter((names) => names.length > 1);
    const where = propertyNames();
    expect(
      clashes.map((names) => names.map((name) => `${name} (${[...where.get(name)!][0]})`)),
    ).toEqual([]);
  });

  it('the walk finds the names it should (the check above cannot pass on an empty walk)', () => {
    const names = propertyNames();
    expect(names.size).toBeGreaterThan(100);
    expect(names.has('birthdate')).toBe(true);
    expect(names.has('freshness')).toBe(true);
  });
});

describe('docs/api.md and the screen routes', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'api.md'), 'utf8');
  /** The row of the routes table that documents `route`. */
  const row = (route: string) =>
    doc.split('\n').find((line) => line.startsWith(`| \`${route}\``)) ?? '';

  it.each(['/v1/devices', '/v1/home'])(
    'the row of GET %s names every top-level field of its answer in openapi.json',
    (path) => {
      const line = row(`GET ${path}`);
      expect(line).not.toBe('');
      const fields = Object.keys(okSchema(path).properties as Node);
      expect(fields.length).toBeGreaterThan(2);
      const missing = fields.filter((field) => !new RegExp(`[{\`, ]${field}[}\`,?]`).test(line));
      expect(missing).toEqual([]);
    },
  );
});
