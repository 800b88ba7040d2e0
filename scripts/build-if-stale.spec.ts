import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../test/support/eventually';

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

describe('one build at a time per checkout', () => {
  let dir: string;
  const running: ChildProcess[] = [];
  /** Where the script keeps this checkout's lock (named after the checkout's real path). */
  const lockFile = () =>
    join(
      tmpdir(),
      `junction-build-${createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 16)}.lock`,
    );
  const run = () => {
    const child = spawn(process.execPath, [SCRIPT], {
      cwd: dir,
      // A stand-in for `npx nest build`: notes that it ran, and ends when the test says so.
      env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` },
    });
    running.push(child);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { output: () => out, code };
  };
  const builds = () =>
    existsSync(join(dir, 'builds.log')) ? readFileSync(join(dir, 'builds.log'), 'utf8') : '';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'junction-build-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), '');
    mkdirSync(join(dir, 'bin'));
    writeFileSync(
      join(dir, 'bin', 'npx'),
      '#!/bin/sh\necho build >> builds.log\nwhile [ ! -e release ]; do sleep 0.05; done\nmkdir -p dist\n',
      { mode: 0o755 },
    );
  });
  afterEach(async () => {
    // A failed test leaves no stand-in build waiting: released, and the scripts ended.
    writeFileSync(join(dir, 'release'), '');
    await Promise.all(
      running
        .splice(0)
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => new Promise((resolve) => child.once('exit', resolve))),
    );
    rmSync(lockFile(), { force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('a second start waits for the build under way, then starts on it without building', async () => {
    const first = run();
    await eventually(() => builds() === 'build\n');
    const second = run();
    await eventually(() => second.output().includes('Waiting for the build'));
    expect(builds()).toBe('build\n');
    writeFileSync(join(dir, 'release'), '');
    expect(await first.code).toBe(0);
    expect(await second.code).toBe(0);
    expect(builds()).toBe('build\n');
    expect(second.output()).toContain('dist/ is current');
    expect(existsSync(lockFile())).toBe(false);
  });

  it('a lock left by a build that was killed does not hold the next one', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lockFile(), String(gone));
    writeFileSync(join(dir, 'release'), '');
    const start = run();
    expect(await start.code).toBe(0);
    expect(start.output()).not.toContain('Waiting');
    expect(builds()).toBe('build\n');
  });
});
