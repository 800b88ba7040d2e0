import type { FieldProblem } from '../../common/problem/problem.exception';
import { isObject } from '../../common/is-object';

/**
 * Checks a control command against a ThinQ device profile before anything goes upstream, so a
 * command ThinQ would refuse (2207) never spends the user's hourly quota.
 *
 * Profile: `{property: {<resource>: {<prop>: {type, mode, value: {r, w}}}}}`; a located
 * resource (a refrigerator's `temperature`) is a list of entries, each with a plain-string
 * `locationName` beside its property specs. Command: `{<resource>: {<prop>: value}}`; a located
 * resource is addressed with `locationName`, as one object or a list of them.
 */

interface PropertySpec {
  type?: unknown;
  mode?: unknown;
  value?: { r?: unknown; w?: unknown };
}

interface Range {
  min: number;
  max: number;
  step?: number;
  except?: unknown;
}

function isSpec(value: unknown): value is PropertySpec {
  return isObject(value) && ('type' in value || 'mode' in value);
}

function isRange(value: unknown): value is Range {
  return isObject(value) && typeof value.min === 'number' && typeof value.max === 'number';
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Is `value` acceptable for this property spec? Undefined when it is, else why not. */
function checkValue(spec: PropertySpec, value: unknown): string | undefined {
  const mode = Array.isArray(spec.mode) ? spec.mode : [];
  if (!mode.includes('w')) return 'is read-only';
  const allowed = spec.value?.w;
  switch (spec.type) {
    case 'enum':
      if (typeof value !== 'string') return 'must be a string';
      if (Array.isArray(allowed) && !allowed.includes(value)) {
        return `must be one of ${allowed.join(', ')}; got ${show(value)}`;
      }
      return undefined;
    case 'boolean':
      if (typeof value !== 'boolean') return 'must be true or false';
      if (Array.isArray(allowed) && !allowed.includes(value)) return `does not accept ${value}`;
      return undefined;
    case 'range': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (!isRange(allowed)) return undefined;
      if (value < allowed.min || value > allowed.max) {
        return `must be between ${allowed.min} and ${allowed.max}; got ${value}`;
      }
      const step = typeof allowed.step === 'number' && allowed.step > 0 ? allowed.step : undefined;
      if (step !== undefined) {
        const steps = (value - allowed.min) / step;
        if (Math.abs(steps - Math.round(steps)) > 1e-9) {
          return `must be ${allowed.min} plus a multiple of ${step}; got ${value}`;
        }
      }
      if (Array.isArray(allowed.except) && allowed.except.includes(value)) {
        return `does not accept ${value}`;
      }
      return undefined;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      return undefined;
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return undefined;
    case 'list':
      if (!Array.isArray(value)) return 'must be a list';
      if (Array.isArray(allowed)) {
        const bad = value.filter((item) => !allowed.includes(item));
        if (bad.length > 0) return `items must be among ${allowed.join(', ')}; got ${show(bad)}`;
      }
      return undefined;
    default:
      // A type this gateway does not know: ThinQ decides.
      return undefined;
  }
}

function checkProperties(
  resource: string,
  path: string,
  specs: Record<string, unknown>,
  command: Record<string, unknown>,
  problems: FieldProblem[],
  skip: string[] = [],
): void {
  const properties = Object.keys(command).filter((key) => !skip.includes(key));
  if (properties.length === 0) {
    problems.push({ field: path, message: 'sets no property' });
    return;
  }
  for (const property of properties) {
    const field = `${path}.${property}`;
    const spec = specs[property];
    if (!isSpec(spec)) {
      problems.push({ field, message: `is not a property of ${resource} on this device` });
      continue;
    }
    const why = checkValue(spec, command[property]);
    if (why) problems.push({ field, message: why });
  }
}

/**
 * Every reason the profile refuses this command, as `{field, message}` with the property's path
 * (`temperature[FREEZER].targetTemperature`); an empty list means it may go to ThinQ.
 */
export function validateCommand(profile: unknown, command: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isObject(command) || Object.keys(command).length === 0) {
    return [
      { field: 'body', message: 'must be a non-empty object {<resource>: {<property>: value}}' },
    ];
  }
  const resources = isObject(profile) && isObject(profile.property) ? profile.property : {};
  for (const [resource, resourceCommand] of Object.entries(command)) {
    const spec = resources[resource];
    if (spec === undefined) {
      problems.push({ field: resource, message: 'is not a resource of this device' });
      continue;
    }
    if (Array.isArray(spec)) {
      const entries = Array.isArray(resourceCommand) ? resourceCommand : [resourceCommand];
      if (entries.length === 0) {
        problems.push({ field: resource, message: 'must address at least one locationName' });
        continue;
      }
      const locations = spec
        .filter(isObject)
        .map((entry) => entry.locationName)
        .filter((name): name is string => typeof name === 'string');
      entries.forEach((entry: unknown, index) => {
        const at = Array.isArray(resourceCommand) ? `${resource}[${index}]` : resource;
        if (!isObject(entry) || typeof entry.locationName !== 'string') {
          problems.push({
            field: at,
            message: `must be addressed by locationName (one of ${locations.join(', ')})`,
          });
          return;
        }
        const location = entry.locationName;
        const entrySpec = spec.find((e) => isObject(e) && e.locationName === location) as
          Record<string, unknown> | undefined;
        if (!entrySpec) {
          problems.push({
            field: `${at}.locationName`,
            message: `must be one of ${locations.join(', ')}; got ${show(location)}`,
          });
          return;
        }
        checkProperties(resource, `${resource}[${location}]`, entrySpec, entry, problems, [
          'locationName',
        ]);
      });
      continue;
    }
    if (!isObject(spec)) continue;
    if (!isObject(resourceCommand)) {
      problems.push({ field: resource, message: 'must be an object of properties' });
      continue;
    }
    checkProperties(resource, resource, spec, resourceCommand, problems);
  }
  return problems;
}
