// Makes sure a real redis-server is on the machine before the tests run (Debian package).
// The Redis-backed tests never skip: without redis-server the run fails here, loudly.
require('./apt-ensure').ensureCommand('redis-server', 'redis-server');
