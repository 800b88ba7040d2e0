// `npm run sdk`: regenerates the SDK's types (sdk/src/schema.ts) from the committed openapi.json with
// openapi-typescript, formatted by the project's Prettier config. `--check` regenerates in memory and
// fails when the committed file differs (the test suite runs it, as it checks openapi.json itself).
// openapi-typescript ships a CommonJS build; its ESM-only dependencies load through Node's
// require(esm) (Node 20.19+), which Jest cannot do, hence a plain Node script.
const { readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const TARGET = join(root, 'sdk', 'src', 'schema.ts');
/** `--spec=FILE` reads another document (the script's own test checks that drift is caught). */
const SPEC =
  process.argv.find((a) => a.startsWith('--spec='))?.slice('--spec='.length) ??
  join(root, 'openapi.json');
const HEADER = `/**
 * Types of the Junction API, generated from openapi.json by openapi-typescript.
 * Do not edit: run \`npm run sdk\` after \`npm run openapi\`.
 */
`;

/**
 * OpenAPI 3.0 has no null type, so the spec writes "this object or null" as
 * `oneOf: [{$ref}, {type: object, nullable: true, enum: [null]}]`; openapi-typescript would render
 * the second branch as `never | null`. Such a schema becomes `Ref | null`.
 */
function refOrNull(schema) {
  const [ref, nullOnly, ...rest] = Array.isArray(schema.oneOf) ? schema.oneOf : [];
  const isNullOnly =
    nullOnly &&
    Array.isArray(nullOnly.enum) &&
    nullOnly.enum.length === 1 &&
    nullOnly.enum[0] === null;
  if (rest.length > 0 || !ref?.$ref || !isNullOnly) return undefined;
  const { oapiRef, tsUnion, NULL } = require('openapi-typescript');
  return tsUnion([oapiRef(ref.$ref), NULL]);
}

/**
 * A string the spec leaves open but whose documented values the SDK lists (`x-documented-values`:
 * `OtherApplianceStatus.deviceType`, any device type but the typed ones) becomes their union, so
 * TypeScript can narrow the status union on `deviceType` (a plain `string` member never narrows).
 */
function documentedValues(schema) {
  const values = schema['x-documented-values'];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const { tsLiteral, tsUnion } = require('openapi-typescript');
  return tsUnion(values.map((value) => tsLiteral(value)));
}

/** The operations that take an `Idempotency-Key` header, as a constant the client reads. */
function idempotentOperations(spec) {
  const operations = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const takesKey = (operation.parameters ?? []).some(
        (parameter) =>
          parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key',
      );
      if (takesKey) operations.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return (
    '\n/** Operations that take an `Idempotency-Key` (the client sends one unless the call has it). */\n' +
    `export const IDEMPOTENT_OPERATIONS: readonly string[] = ${JSON.stringify(operations.sort())};\n`
  );
}

async function generate() {
  const { default: openapiTS, astToString } = require('openapi-typescript');
  const prettier = require('prettier');
  // openapi-typescript's defaults: interfaces, and a property with a `default` counts as present
  // (defaultNonNullable), so request DTOs must not declare defaults they do not need.
  const spec = JSON.parse(readFileSync(SPEC, 'utf8'));
  const ast = await openapiTS(spec, {
    transform: (schema) => refOrNull(schema) ?? documentedValues(schema),
  });
  const config = await prettier.resolveConfig(TARGET);
  return prettier.format(HEADER + astToString(ast) + idempotentOperations(spec), {
    ...config,
    filepath: TARGET,
  });
}

async function main() {
  const generated = await generate();
  const name = relative(root, TARGET);
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(TARGET, 'utf8');
    } catch {
      // missing: reported below
    }
    if (committed !== generated) {
      console.error(
        `${name} is not what openapi.json generates: run \`npm run sdk\` and commit it`,
      );
      process.exit(1);
    }
    console.log(`${name} matches openapi.json`);
    return;
  }
  writeFileSync(TARGET, generated);
  console.log(`wrote ${name}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
