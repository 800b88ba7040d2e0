/**
 * Every environment variable the gateway reads, one row each: its name, kind, default, bounds and
 * meaning. The loader (config.loader.ts) reads whole numbers through these rows, and the
 * configuration reference (docs/configuration.md) is generated from them (`npm run config-doc`,
 * drift-checked by config-reference.spec.ts), so a variable is described in one place.
 */
import { BEHAVIOUR_VARIABLES } from './behaviour-variables';
import { CONNECTION_VARIABLES } from './connection-variables';
import { IntegerVariable, Variable } from './variable';

export const VARIABLES: readonly Variable[] = [...CONNECTION_VARIABLES, ...BEHAVIOUR_VARIABLES];

const BY_NAME = new Map(VARIABLES.map((variable) => [variable.name, variable]));

/** The row of `name`; a name without one is a programming error (every variable has a row). */
export function variable(name: string): Variable {
  const row = BY_NAME.get(name);
  if (!row) throw new Error(`${name} has no row in src/config/variables.ts`);
  return row;
}

/** The row of a whole-number variable. */
export function integerVariable(name: string): IntegerVariable {
  const row = variable(name);
  if (row.kind !== 'integer') throw new Error(`${name} is not a whole number in variables.ts`);
  return row;
}
