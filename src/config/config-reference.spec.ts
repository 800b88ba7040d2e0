import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigReference } from './config-reference';
import { loadConfig, loadSandboxPorts } from './config.loader';
import { VARIABLES } from './variables';

const FILE = join(__dirname, '..', '..', 'docs', 'configuration.md');

/** Every name the loaders read from the environment. */
function namesRead(): Set<string> {
  const read = new Set<string>();
  const env = new Proxy<Record<string, string | undefined>>(
    {},
    {
      get(_target, name) {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    },
  );
  loadConfig(env);
  loadSandboxPorts(env);
  return read;
}

describe('configuration reference', () => {
  it('docs/configuration.md is what variables.ts generates (run `npm run config-doc`)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(renderConfigReference());
  });

  it('has a row for every variable the gateway reads, and no row it does not read', () => {
    const rows = VARIABLES.map((variable) => variable.name);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...namesRead()].sort()).toEqual([...rows].sort());
  });

  it('every default lies within its bounds', () => {
    for (const variable of VARIABLES) {
      if (variable.kind !== 'integer') continue;
      expect({ [variable.name]: variable.min <= variable.default }).toEqual({
        [variable.name]: true,
      });
      expect({ [variable.name]: variable.default <= variable.max }).toEqual({
        [variable.name]: true,
      });
    }
  });
});
