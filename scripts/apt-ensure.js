// Installs a Debian package when the command it provides is missing (the test setup's tools:
// redis-server, chromium). Exits the process with a clear message when it cannot.
const { spawnSync } = require('node:child_process');

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Makes sure `command` exists, installing the Debian package `pkg` (apt-get) when it does not. */
function ensureCommand(command, pkg) {
  if (has(command)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !root && has('sudo') ? ['sudo', '-n'] : [];
  if (!root && sudo.length === 0) {
    console.error(`${command} is missing and this user cannot install it: apt-get install ${pkg}`);
    process.exit(1);
  }
  console.log(`${command} is missing: installing the Debian package ${pkg}`);
  const run = (args) =>
    spawnSync(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  // Another apt-get may hold the lock (a parallel run): wait for it rather than fail.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  if (
    run(['apt-get', ...lock, 'update']).status !== 0 ||
    run(['apt-get', ...lock, 'install', '-y', '--no-install-recommends', pkg]).status !== 0
  ) {
    console.error(`Could not install ${pkg}`);
    process.exit(1);
  }
  if (!has(command)) {
    console.error(`${command} is still missing after apt-get install ${pkg}`);
    process.exit(1);
  }
}

module.exports = { ensureCommand };
