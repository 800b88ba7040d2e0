import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'build-if-stale.js');

/** `build-if-stale.js --check` in `dir`: what it says, and whether it would build. */
function check(dir: string): { build: boolean; says: string } {
  const result = spawnSync(process.execPath, [SCRIPT, '--check'], { cwd: dir, encoding: 'utf8' });
  return { build: result.status === 1, says: result.stdout.trim() };
}

describe('npm start skips the build when dist/ is current', () => {
  let dir: string;
  const at = (path: string, seconds: number) =>
    utimesSync(join(dir, path), new Date(seconds * 1000), new Date(seconds * 1000));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'junction-build-'));
    mkdirSync(join(dir, 'src', 'auth'), { recursive: true });
    writeFileSync(join(dir, 'src', 'auth', 'a.ts'), '');
    writeFileSync(join(dir, 'package.json'), '{}');
    writeFileSync(join(dir, 'tsconfig.json'), '{}');
    for (const path of ['src/auth/a.ts', 'src/auth', 'src', 'package.json', 'tsconfig.json'])
      at(path, 1000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const built = (seconds: number) => {
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist', '.build-stamp'), '');
    at('dist/.build-stamp', seconds);
  };

  it('builds when there is no complete build (a fresh clone, or a failed build)', () => {
    expect(check(dir)).toEqual({ build: true, says: 'no complete build in dist/' });
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'main.js'), '');
    expect(check(dir).build).toBe(true);
  });

  it('starts without a build when the stamp is newer than src and the config files', () => {
    built(2000);
    expect(check(dir)).toEqual({ build: false, says: 'current' });
  });

  it('builds after a source edit, a deleted source file, or a config change', () => {
    built(2000);
    at('src/auth/a.ts', 3000);
    expect(check(dir)).toEqual({ build: true, says: 'src changed since the last build' });
    at('src/auth/a.ts', 1000);
    at('src/auth', 3000); // what deleting or adding a file does to its folder
    expect(check(dir).build).toBe(true);
    at('src/auth', 1000);
    at('tsconfig.json', 3000);
    expect(check(dir)).toEqual({ build: true, says: 'tsconfig.json changed since the last build' });
  });
});
