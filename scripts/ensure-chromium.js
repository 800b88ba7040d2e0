// Makes sure Debian's Chromium is on the machine before the tests run: the Swagger UI test drives
// it with playwright-core (no downloaded browser builds). Without it the run fails here, loudly.
require('./apt-ensure').ensureCommand('chromium', 'chromium');
