import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(__dirname, '..', '..');

/**
 * Builds dist/ when it is missing or older than its sources, as `npm start` does first
 * (scripts/build-if-stale.js: one build at a time per checkout, so test files may share it).
 * For tests that start the gateway as production runs it: a worker boots from dist/ in well under
 * a second, where ts-node takes several seconds of CPU to transpile the sources in every process.
 */
export async function buildIfStale(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build-if-stale.js')], {
    cwd: ROOT,
    timeout: 300000,
  }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(
      `the build failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
  });
}
