import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from './error-code';
import { renderErrorsReference } from './errors-reference';

describe('problem codes reference', () => {
  it('docs/errors.md is what the problem table generates (run `npm run errors-doc`)', () => {
    const file = join(__dirname, '..', '..', '..', 'docs', 'errors.md');
    expect(readFileSync(file, 'utf8')).toBe(renderErrorsReference());
  });

  it('lists every code once', () => {
    const text = renderErrorsReference();
    for (const code of Object.values(ErrorCode)) {
      expect(text.split(`| \`${code}\` `)).toHaveLength(2);
    }
  });
});
