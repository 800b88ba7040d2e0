import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.factory';
import { loadConfig } from './config/config.loader';
import { buildOpenApiDocument } from './openapi/openapi';

/**
 * `npm run openapi`: boots the app without listening and writes the key-sorted spec to
 * openapi.json. An entry point beside main.ts, so that openapi/ does not import the app factory
 * that imports it.
 */
async function main(): Promise<void> {
  const app = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }) });
  try {
    const document = buildOpenApiDocument(app);
    const target = join(__dirname, '..', 'openapi.json');
    writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
    process.stdout.write(`wrote ${target}\n`);
  } finally {
    await app.close();
  }
}

void main();
