import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..');
const CONFIG = join(ROOT, '.dependency-cruiser.js');
const FOLDERS = join(ROOT, '.dependency-cruiser-folders.js');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/**
 * The rules of .dependency-cruiser.js (the layering `npm run lint` enforces), or of `config`, run
 * on a small tree of files under `src/`, built in a temporary folder: the names of the rules broken.
 */
function broken(files: Record<string, string>, config = CONFIG): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'junction-rules-'));
  try {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true } }),
    );
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const result = spawnSync(
      process.execPath,
      [DEPCRUISE, 'src', '--config', config, '--output-type', 'err'],
      { cwd: dir, encoding: 'utf8' },
    );
    const rules = [...result.stdout.matchAll(/error ([a-z-]+):/g)].map((m) => m[1]);
    // The checker fails exactly when a rule is broken (and did run: no crash, no missing file).
    expect({ failed: result.status !== 0, stderr: result.stderr }).toEqual({
      failed: rules.length > 0,
      stderr: '',
    });
    return [...new Set(rules)].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the layering rules', () => {
  it('let every layer import the ones below it', () => {
    expect(
      broken({
        'src/common/clock.ts': 'export const now = () => 0;\n',
        'src/redis/store.ts': "import { now } from '../common/clock';\nexport const at = now;\n",
        'src/auth/session.ts': "import { at } from '../redis/store';\nexport const sid = at;\n",
        'src/upstreams/nueyne/client.ts':
          "import { sid } from '../../auth/session';\nexport const call = sid;\n",
        'src/features/me/me.service.ts':
          "import { call } from '../../upstreams/nueyne/client';\nexport const me = call;\n",
        'src/app.module.ts': "import { me } from './features/me/me.service';\nexport default me;\n",
      }),
    ).toEqual([]);
  });

  it('refuse an import from src/common into src/features', () => {
    expect(
      broken({
        'src/features/me/me.dto.ts': 'export const MAX = 1;\n',
        'src/common/validation/limits.ts':
          "import { MAX } from '../../features/me/me.dto';\nexport const LIMIT = MAX;\n",
      }),
    ).toEqual(['base-stays-below', 'common-is-a-leaf', 'nothing-imports-a-feature']);
  });

  it('refuse an import cycle, even of types only', () => {
    expect(
      broken({
        'src/upstreams/http/client.ts':
          "import type { Policy } from './policy';\nexport type Client = { policy?: Policy };\n",
        'src/upstreams/http/policy.ts':
          "import type { Client } from './client';\nexport type Policy = { client?: Client };\n",
      }),
    ).toEqual(['no-circular']);
  });

  it('refuse rate-limit importing auth, and the sandbox outside its switch', () => {
    expect(
      broken({
        'src/auth/principal.ts': 'export type Principal = { sub: string };\n',
        'src/rate-limit/admission.ts':
          "import type { Principal } from '../auth/principal';\nexport type Who = Principal;\n",
        'src/sandbox/simulator.ts': 'export const start = () => 0;\n',
        'src/features/me/me.service.ts':
          "import { start } from '../../sandbox/simulator';\nexport const me = start;\n",
      }),
    ).toEqual(['base-stays-below', 'sandbox-behind-its-switch']);
  });

  it('refuse a cycle of folders that is no cycle of files, except in specs', () => {
    const files = {
      'src/auth/links/verifier.ts': 'export type Verifier = { check(): void };\n',
      'src/upstreams/thinq/link.ts':
        "import type { Verifier } from '../../auth/links/verifier';\nexport type Link = Verifier;\n",
      'src/auth/links/links.ts':
        "import type { Link } from '../../upstreams/thinq/link';\nexport type Links = Link[];\n",
    };
    expect(broken(files)).toEqual([]);
    expect(broken(files, FOLDERS)).toEqual(['no-circular-folders']);
    const spec = {
      ...files,
      'src/auth/links/links.ts': 'export type Links = string[];\n',
      'src/auth/links/links.spec.ts': "import type { Link } from '../../upstreams/thinq/link';\n",
    };
    expect(broken(spec, FOLDERS)).toEqual([]);
  });
});
