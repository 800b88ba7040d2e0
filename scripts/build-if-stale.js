// `npm start` (prestart) and `npm run sandbox`: builds dist/ only when it is missing or older than
// its inputs, so a start on a current build takes seconds instead of a full `nest build`.
// A stamp written after a successful build is the reference (a failed build leaves none, and
// `nest build` empties dist/ first, so a half-written dist/ never counts as current).
// One build at a time per checkout: `npm run sandbox` and `npm start` started together (the
// README's two terminals), or two test files, would otherwise both build, and one `nest build`
// would empty dist/ under the other. The second waits for the first, then finds dist/ current.
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

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

const LOCK_MAX_AGE_MS = 10 * 60 * 1000;

/** Whether a process with this id is running (a lock left by a killed build is not held). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Takes this checkout's build lock (a file in the temporary folder named after the checkout's
 * path, holding the owner's process id), waiting while another live process holds it. Node has
 * no file lock of its own and a dependency for this one file is not worth it: an exclusive create
 * ('wx') is atomic, and a lock whose owner has died is taken over.
 */
function lock(root) {
  const hash = createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16);
  const path = join(tmpdir(), `junction-build-${hash}.lock`);
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let said = false;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => unlinkSync(path);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let owner = NaN;
    let age = 0;
    try {
      owner = Number(readFileSync(path, 'utf8'));
      age = Date.now() - statSync(path).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    // A build never takes ten minutes: past that the id may belong to another process by now.
    if (!(Number.isInteger(owner) && owner > 0 && alive(owner)) || age > LOCK_MAX_AGE_MS) {
      // (Between the read and the unlink another process may have taken the lock over too; the
      // unlink then removes its lock, and both build: no worse than without a lock, and rare.)
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
      continue;
    }
    if (!said) console.log('Waiting for the build another process is running...');
    said = true;
    Atomics.wait(sleeper, 0, 0, 200);
  }
}

function main() {
  // --check: only say whether a build is due (exit 1) or not (exit 0).
  if (process.argv.includes('--check')) {
    const reason = staleReason('.');
    console.log(reason ?? 'current');
    process.exit(reason === undefined ? 0 : 1);
  }
  const unlock = lock('.');
  try {
    build(staleReason('.'));
  } finally {
    unlock();
  }
}

function build(reason) {
  if (reason === undefined) {
    console.log('dist/ is current: starting without a build (delete dist/ to force one)');
    return;
  }
  console.log(`Building: ${reason}`);
  const started = Date.now();
  const result = spawnSync('npx', ['nest', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.exitCode = result.status ?? 1;
    return;
  }
  // Stamped with the build's start: a file edited while it ran still counts as newer.
  writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
  utimesSync(STAMP, new Date(started), new Date(started));
}

main();
