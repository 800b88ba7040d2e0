/** What a row of the variables table is (variables.ts), and the helpers that write one. */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

/** What a whole number counts, for the reference (`30 s`, `1 MiB`). */
export type Unit = 'ms' | 'seconds' | 'bytes' | 'count' | 'percent' | 'port';

interface Row {
  name: string;
  /** The heading the reference lists it under. */
  section: string;
  description: string;
}

export interface IntegerVariable extends Row {
  kind: 'integer';
  unit: Unit;
  default: number;
  min: number;
  max: number;
  /** When the default is not always `default` (it depends on another variable). */
  defaultNote?: string;
}

export interface TextVariable extends Row {
  /** Parsed by the loader's own function for it (a URL, a key, JSON, a list). */
  kind: 'text';
  /** The default as the reference says it (`unset: ...` when there is none). */
  default: string;
}

export type Variable = IntegerVariable | TextVariable;

export const UPSTREAMS = ['NUEYNE', 'THINQ', 'INTERWATER'] as const;
export type UpstreamPrefix = (typeof UPSTREAMS)[number];

export function integer(
  section: string,
  name: string,
  unit: Unit,
  range: [min: number, max: number],
  defaultValue: number,
  description: string,
  defaultNote?: string,
): IntegerVariable {
  const [min, max] = range;
  return {
    kind: 'integer',
    section,
    name,
    unit,
    default: defaultValue,
    min,
    max,
    description,
    defaultNote,
  };
}

export function text(
  section: string,
  name: string,
  defaultText: string,
  description: string,
): TextVariable {
  return { kind: 'text', section, name, default: defaultText, description };
}

/** One row per upstream of a per-upstream setting (`NUEYNE_RETRIES`, `THINQ_RETRIES`, ...). */
export function perUpstream(
  suffix: string,
  make: (name: string, prefix: UpstreamPrefix) => Variable,
): Variable[] {
  return UPSTREAMS.map((prefix) => make(`${prefix}_${suffix}`, prefix));
}

export const SERVER = 'Server';
export const REDIS = 'Redis';
export const UPSTREAM = 'Upstreams';
export const RESILIENCE = 'Upstream resilience';
export const AUTH = 'Tokens and clients';
export const BODIES = 'Request bodies';
export const CACHES = 'Caches and ThinQ budget';
export const EVENTS = 'Live appliance events';
export const LIMITS = 'Limits and onboarding';
export const OPERATIONS = 'Operations';
export const SANDBOX = 'Sandbox';
