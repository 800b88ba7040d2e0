// `npm start` (prestart) and `npm run sandbox`: builds dist/ only when it is missing or older than
// its inputs, so a start on a current build takes seconds instead of a full `nest build`.
// A stamp written after a successful build is the reference (a failed build leaves none, and
// `nest build` empties dist/ first, so a half-written dist/ never counts as current).
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const STAMP = join('dist', '.build-stamp');
/** What the build reads besides src/: a change to any of them means a rebuild. */
const CONFIG_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
];

/** Newest modification time under `path`, directories included (a deleted file changes its folder). */
function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  let newest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path))
      newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why dist/ must be rebuilt in `root`, or undefined when it is current. */
function staleReason(root) {
  let built;
  try {
    built = statSync(join(root, STAMP)).mtimeMs;
  } catch {
    return 'no complete build in dist/';
  }
  for (const input of ['src', ...CONFIG_FILES]) {
    if (newestMtime(join(root, input)) > built) return `${input} changed since the last build`;
  }
  return undefined;
}

function main() {
  const reason = staleReason('.');
  // --check: only say whether a build is due (exit 1) or not (exit 0).
  if (process.argv.includes('--check')) {
    console.log(reason ?? 'current');
    process.exit(reason === undefined ? 0 : 1);
  }
  if (reason === undefined) {
    console.log('dist/ is current: starting without a build (delete dist/ to force one)');
    return;
  }
  console.log(`Building: ${reason}`);
  const started = Date.now();
  const result = spawnSync('npx', ['nest', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // Stamped with the build's start: a file edited while it ran still counts as newer.
  writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
  utimesSync(STAMP, new Date(started), new Date(started));
}

main();
