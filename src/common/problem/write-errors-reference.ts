import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderErrorsReference } from './errors-reference';

/** `npm run errors-doc`: writes docs/errors.md from the problem table. */
const file = join(__dirname, '..', '..', '..', 'docs', 'errors.md');
writeFileSync(file, renderErrorsReference());
console.log('wrote docs/errors.md');
