/**
 * The layering of src/, checked by `npm run lint` (so by `npm test`). What each rule means and
 * why: docs/architecture-rules.md.
 *
 *   composition root (main, write-openapi, app.module, app.factory, http, openapi)
 *     -> features -> auth, cache, idempotency, health, upstreams
 *     -> near-cache, rate-limit, redis, common, config, metrics, tracing, cluster
 *
 * Spec files are held to no cycle only: a test may reach across layers to build what it tests.
 * No cycle between folders either: .dependency-cruiser-folders.js, run after this one.
 */
const ROOT =
  '^src/(main\\.ts|write-openapi\\.ts|app\\.module\\.ts|app\\.factory\\.ts|http/|openapi/)';
const FEATURES = '^src/features/';
const MIDDLE = '^src/(auth|cache|idempotency|health|upstreams)/';
const BASE = '^src/(near-cache|rate-limit|redis|common|config|metrics|tracing|cluster)/';
const SANDBOX = '^src/sandbox/';
const SPEC = '\\.spec\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle, between files or through other files.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'nothing-imports-a-feature',
      comment:
        'A feature is reached through its HTTP routes; only other features and the composition root import it.',
      severity: 'error',
      from: { pathNot: [FEATURES, ROOT, SPEC] },
      to: { path: FEATURES },
    },
    {
      name: 'base-stays-below',
      comment:
        'near-cache, rate-limit, redis, common, config, metrics and tracing know nothing of auth, the cache, the upstreams, the features or the sandbox.',
      severity: 'error',
      from: { path: BASE, pathNot: SPEC },
      to: { path: [MIDDLE, FEATURES, SANDBOX, ROOT] },
    },
    {
      name: 'common-is-a-leaf',
      comment: 'src/common is what every folder may use; it imports nothing else of src/.',
      severity: 'error',
      from: { path: '^src/common/', pathNot: SPEC },
      to: { path: '^src/', pathNot: '^src/common/' },
    },
    {
      name: 'middle-stays-below-features',
      comment:
        'auth, cache, idempotency, health and the upstreams know nothing of the composition root.',
      severity: 'error',
      from: { path: MIDDLE, pathNot: SPEC },
      to: { path: ROOT },
    },
    {
      name: 'sandbox-behind-its-switch',
      comment:
        'The simulators start only through SandboxModule (the switch: an unset base URL), which the upstream HTTP module imports; the sandbox-only demo links read their demo data.',
      severity: 'error',
      from: {
        pathNot: [
          SANDBOX,
          SPEC,
          '^src/app\\.module\\.ts$',
          '^src/upstreams/http/upstream-http\\.module\\.ts$',
          '^src/features/links/sandbox-demo-links\\.ts$',
        ],
      },
      to: { path: SANDBOX },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
