import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const check = (...args: string[]) =>
  spawnSync(process.execPath, [join(__dirname, 'generate-sdk.js'), '--check', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('SDK drift check (`npm run sdk` regenerates sdk/src/schema.ts from openapi.json)', () => {
  it('finds the committed SDK types to be what openapi.json generates', () => {
    const result = check();
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('fails, naming the command, when openapi.json changed and the SDK was not regenerated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'junction-sdk-'));
    try {
      const spec = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));
      delete spec.paths['/v1/home'];
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(spec));
      const result = check(`--spec=${join(dir, 'openapi.json')}`);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('npm run sdk');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
