import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigReference } from './config-reference';

/** `npm run config-doc`: writes docs/configuration.md from the table in variables.ts. */
const file = join(__dirname, '..', '..', 'docs', 'configuration.md');
writeFileSync(file, renderConfigReference());
console.log('wrote docs/configuration.md');
