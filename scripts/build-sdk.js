// `npm run sdk:build` (and the root `prepare`, so `npm ci` runs it; and `npm pack` in sdk/):
// compiles sdk/src twice with the repository's TypeScript, to sdk/dist/esm (ES modules, what a
// browser, Vite or `import` loads) and sdk/dist/cjs (CommonJS, what `require` loads), each with
// its .d.ts. sdk/package.json says `"type": "module"`, so dist/cjs carries a package.json of its
// own saying its .js files are CommonJS. No bundler: the output is the sources, file for file.
const { spawnSync } = require('node:child_process');
const { rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const sdk = join(__dirname, '..', 'sdk');
const tsc = require.resolve('typescript/bin/tsc');

rmSync(join(sdk, 'dist'), { recursive: true, force: true });
for (const project of ['tsconfig.json', 'tsconfig.cjs.json']) {
  const result = spawnSync(process.execPath, [tsc, '-p', join(sdk, project)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`sdk: tsc -p sdk/${project} failed`);
    process.exit(result.status ?? 1);
  }
}
writeFileSync(join(sdk, 'dist', 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
