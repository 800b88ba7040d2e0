// Validates docker/docker-compose.yml with docker-compose (Compose v1 validates offline) when it is installed.
const { spawnSync } = require('node:child_process');

const has = spawnSync('sh', ['-c', 'command -v docker-compose']).status === 0;
if (!has) {
  console.log(
    'docker-compose is not installed: skipping the compose file check (apt-get install docker-compose to run it).',
  );
  process.exit(0);
}
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
