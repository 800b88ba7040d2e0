import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { commitMessageProblem } = require('./check-commit-message.js') as {
  commitMessageProblem(message: string): string | undefined;
};

const ROOT = join(__dirname, '..');
const HUSKY = join(ROOT, 'node_modules', 'husky', 'bin.js');
const subject = (length: number) => 'x'.repeat(length);

describe('the commit-msg hook', () => {
  it('takes a subject of 72 characters, and refuses one of 73', () => {
    expect(commitMessageProblem(`${subject(72)}\n\nWhy: the body.\n`)).toBeUndefined();
    expect(commitMessageProblem(`${subject(73)}\n\nWhy: the body.\n`)).toBe(
      'the subject is 73 characters, at most 72: say what changed in it, and why in the body',
    );
  });

  it('counts characters, not bytes, and ignores git’s comment lines and what follows the scissors', () => {
    expect(commitMessageProblem(`${'é'.repeat(72)}\n`)).toBeUndefined();
    const edited = `\n# Please enter the commit message\nREADME: a shorter page\n\nWhy.\n# ------------------------ >8 ------------------------\n${subject(200)}\n`;
    expect(commitMessageProblem(edited)).toBeUndefined();
  });

  it('refuses an empty message and a body glued to the subject', () => {
    expect(commitMessageProblem('# only comments\n\n')).toMatch(/empty/);
    expect(commitMessageProblem('A subject\nthe reason, without a blank line\n')).toMatch(
      /blank line/,
    );
  });

  it('lets git’s own merge and revert subjects and autosquash markers through', () => {
    expect(commitMessageProblem(`Merge branch '${subject(80)}'\n`)).toBeUndefined();
    expect(commitMessageProblem(`fixup! ${subject(72)}\n`)).toBeUndefined();
  });

  describe('installed by husky, as `npm ci` (prepare) does', () => {
    let repo: string;
    const git = (...args: string[]) =>
      spawnSync(
        'git',
        [
          '-c',
          'user.name=Test',
          '-c',
          'user.email=test@example.com',
          '-c',
          'commit.gpgsign=false',
          ...args,
        ],
        { cwd: repo, encoding: 'utf8', env: { ...process.env, HUSKY: undefined } },
      );

    beforeAll(() => {
      repo = mkdtempSync(join(tmpdir(), 'junction-hooks-'));
      expect(git('init', '-q').status).toBe(0);
      mkdirSync(join(repo, '.husky'));
      mkdirSync(join(repo, 'scripts'));
      copyFileSync(join(ROOT, '.husky', 'commit-msg'), join(repo, '.husky', 'commit-msg'));
      copyFileSync(
        join(ROOT, 'scripts', 'check-commit-message.js'),
        join(repo, 'scripts', 'check-commit-message.js'),
      );
      const install = spawnSync(process.execPath, [HUSKY], { cwd: repo, encoding: 'utf8' });
      expect(install.status).toBe(0);
    });
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('refuses a commit with a long subject, saying why, and takes a short one', () => {
      const refused = git('commit', '-q', '--allow-empty', '-m', subject(73), '-m', 'Why.');
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('the subject is 73 characters, at most 72');
      expect(git('log', '--oneline').stdout).toBe('');

      const taken = git('commit', '-q', '--allow-empty', '-m', subject(72), '-m', 'Why.');
      expect(taken.stderr).toBe('');
      expect(taken.status).toBe(0);
      expect(git('log', '--format=%s').stdout.trim()).toBe(subject(72));
    });
  });

  it('is wired: prepare runs husky, the hooks run lint-staged and this script', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.prepare).toMatch(/(^|&& )husky$/);
    expect(readFileSync(join(ROOT, '.husky', 'pre-commit'), 'utf8').trim()).toBe('lint-staged');
    expect(readFileSync(join(ROOT, '.husky', 'commit-msg'), 'utf8')).toContain(
      'scripts/check-commit-message.js "$1"',
    );
  });

  it('prepare does not fail where there is no .git (a tarball, a Docker build) or with HUSKY=0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'junction-no-git-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{}');
      const noGit = spawnSync(process.execPath, [HUSKY], { cwd: dir, encoding: 'utf8' });
      expect({ status: noGit.status, out: noGit.stdout }).toEqual({
        status: 0,
        out: ".git can't be found",
      });
      const off = spawnSync(process.execPath, [HUSKY], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, HUSKY: '0' },
      });
      expect(off.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
