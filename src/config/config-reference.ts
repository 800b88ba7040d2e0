import { markdownTable } from '../common/markdown-table';
import { DAY, GiB, HOUR, KiB, MiB, MINUTE, SECOND, Unit, Variable, WEEK } from './variable';
import { VARIABLES } from './variables';

const count = (n: number) => n.toLocaleString('en-US');

function readable(unit: Unit, value: number): string | undefined {
  const scales: [number, string][] =
    unit === 'ms'
      ? [
          [WEEK, 'weeks'],
          [DAY, 'd'],
          [HOUR, 'h'],
          [MINUTE, 'min'],
          [SECOND, 's'],
        ]
      : unit === 'seconds'
        ? [
            [WEEK / SECOND, 'weeks'],
            [DAY / SECOND, 'd'],
            [HOUR / SECOND, 'h'],
            [MINUTE / SECOND, 'min'],
          ]
        : unit === 'bytes'
          ? [
              [GiB, 'GiB'],
              [MiB, 'MiB'],
              [KiB, 'KiB'],
            ]
          : [];
  if (value === 0) return undefined;
  for (const [size, name] of scales) {
    if (value >= size && value % size === 0) return `${count(value / size)} ${name}`;
  }
  return undefined;
}

/** `30000` (30 s), as the environment takes it and as a person reads it. */
function shown(unit: Unit, value: number): string {
  const plain = readable(unit, value);
  const suffix = unit === 'ms' ? ' ms' : unit === 'seconds' ? ' s' : unit === 'percent' ? ' %' : '';
  return plain ? `\`${value}\` (${plain})` : `\`${value}\`${value === 0 ? '' : suffix}`;
}

function cells(variable: Variable): string[] {
  const values =
    variable.kind === 'integer'
      ? [
          `\`${variable.name}\``,
          variable.defaultNote ?? shown(variable.unit, variable.default),
          `${shown(variable.unit, variable.min)} to ${shown(variable.unit, variable.max)}`,
          variable.description,
        ]
      : [`\`${variable.name}\``, variable.default, '', variable.description];
  return values;
}

/** docs/configuration.md (written by write-config-reference.ts, compared by the drift test). */
export function renderConfigReference(): string {
  const sections = [...new Set(VARIABLES.map((variable) => variable.section))];
  const parts = [
    '# Configuration reference',
    '',
    '<!-- Generated from src/config/variables.ts by `npm run config-doc`: edit the table there. -->',
    '',
    'Everything comes from the environment and is checked at start: a bad value stops the start with one line naming the variable. Unset upstream base URLs run the built-in simulator (logged); `NODE_ENV=production` refuses that, and requires Redis, keys and upstream credentials. Durations are in the unit their name says (`_MS`, `_SECONDS`).',
  ];
  for (const section of sections) {
    const rows = VARIABLES.filter((v) => v.section === section).map(cells);
    parts.push(
      '',
      `## ${section}`,
      '',
      ...markdownTable(['variable', 'default', 'range', 'meaning'], rows),
    );
  }
  return `${parts.join('\n')}\n`;
}
