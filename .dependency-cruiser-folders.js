/**
 * No cycle between folders of src/ (each folder against every other, at every depth), checked by
 * `npm run lint:deps` after .dependency-cruiser.js. A cycle of folders with no cycle of files
 * (auth/links -> upstreams/thinq -> auth/links through other files) still means neither folder
 * can be read, moved or tested without the other. Spec and .testing.ts files are left out: a test
 * may reach across layers to build what it tests. Why, and the one exception: docs/architecture-rules.md.
 */
const base = require('./.dependency-cruiser.js');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular-folders',
      comment:
        'No import cycle between folders. Exception until UpstreamEndpoints moves to a leaf: upstreams/http <-> sandbox (the sandbox switch).',
      severity: 'error',
      scope: 'folder',
      from: { pathNot: '^src/(upstreams/http|sandbox)$' },
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    exclude: { path: ['^(node_modules|dist)/', '\\.(spec|testing)\\.ts$'] },
  },
};
