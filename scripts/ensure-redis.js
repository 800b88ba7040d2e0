// Makes sure a real redis-server is on the machine before the tests run (Debian package).
// The Redis-backed tests never skip: without redis-server the run fails here, loudly.
const { spawnSync } = require('node:child_process');

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

if (has('redis-server')) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && has('sudo') ? ['sudo', '-n'] : [];
if (!root && sudo.length === 0) {
  console.error(
    'redis-server is missing and this user cannot install it: apt-get install redis-server',
  );
  process.exit(1);
}
console.log('redis-server is missing: installing the Debian package');
const run = (args) =>
  spawnSync(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
if (
  run(['apt-get', 'update']).status !== 0 ||
  run(['apt-get', 'install', '-y', 'redis-server']).status !== 0
) {
  console.error('Could not install redis-server');
  process.exit(1);
}
if (!has('redis-server')) {
  console.error('redis-server is still missing after apt-get install');
  process.exit(1);
}
