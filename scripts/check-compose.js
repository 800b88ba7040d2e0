// Validates docker/docker-compose.yml with docker-compose (Compose v1 validates offline, without a
// Docker engine). Never skips: a missing docker-compose is installed from Debian first, like the
// test setup's other tools, and a run that cannot get it fails here, loudly.
const { spawnSync } = require('node:child_process');

require('./apt-ensure').ensureCommand('docker-compose', 'docker-compose');
const result = spawnSync(
  'docker-compose',
  ['-f', 'docker/docker-compose.yml', 'config', '--quiet'],
  { stdio: 'inherit' },
);
if (result.status !== 0) {
  console.error('docker/docker-compose.yml is not valid');
  process.exit(1);
}
console.log('docker/docker-compose.yml is valid');
