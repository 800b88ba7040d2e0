// Makes sure real prometheus and promtool binaries are on the machine before the tests run
// (Debian package `prometheus`): test/observability.e2e-spec.ts starts one to check every
// dashboard panel and alert expression against the gateway's own /metrics, and runs
// `promtool check rules` / `promtool test rules` on docker/prometheus. Never skipped.
const { ensureCommand } = require('./apt-ensure');
ensureCommand('prometheus', 'prometheus');
ensureCommand('promtool', 'prometheus');
