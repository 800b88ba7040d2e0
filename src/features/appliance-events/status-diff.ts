import { isObject } from '../../common/is-object';

/**
 * What changed between two appliance statuses, as a `status` event carries it, and how a client
 * (or an instance following the events) applies it. A status is ThinQ's document: resources by
 * name, each an object of property values or, for a located resource (a refrigerator's
 * `temperature`), a list of such objects told apart by their `locationName`.
 *
 * The merge rule, the same on both sides:
 * - a resource that is an object merges property by property; `null` means the property is no
 *   longer reported;
 * - a located list merges entry by entry, matched on `locationName`; an entry carries its
 *   `locationName` and the properties that changed;
 * - `null` for a whole resource means it is no longer reported; any other value replaces it.
 * What the rule cannot say (a location that disappeared, a list without `locationName`s) is not a
 * diff: `diffStatus` answers undefined and the caller sends the whole status (a snapshot).
 */
export type StatusDocument = Record<string, unknown>;

type Plain = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The located entries by name, or undefined when the list is not a located resource. */
function locations(list: unknown[]): Map<string, Plain> | undefined {
  const byName = new Map<string, Plain>();
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.locationName !== 'string') return undefined;
    if (byName.has(entry.locationName)) return undefined;
    byName.set(entry.locationName, entry);
  }
  return byName;
}

/** Changed properties of one object (`null` for those gone), or undefined when none changed. */
function diffObject(previous: Plain, next: Plain): Plain | undefined {
  const changes: Plain = {};
  let changed = false;
  for (const [key, value] of Object.entries(next)) {
    if (!(key in previous) || !same(previous[key], value)) {
      changes[key] = value;
      changed = true;
    }
  }
  for (const key of Object.keys(previous)) {
    if (!(key in next)) {
      changes[key] = null;
      changed = true;
    }
  }
  return changed ? changes : undefined;
}

const NOT_A_DIFF = Symbol('not a diff');

/** One resource's change: undefined when unchanged, NOT_A_DIFF when the rule cannot say it. */
function diffResource(previous: unknown, next: unknown): unknown {
  if (same(previous, next)) return undefined;
  if (isObject(previous) && isObject(next)) return diffObject(previous, next);
  if (Array.isArray(previous) && Array.isArray(next)) {
    const before = locations(previous);
    const after = locations(next);
    if (!before || !after) return NOT_A_DIFF;
    if ([...before.keys()].some((name) => !after.has(name))) return NOT_A_DIFF;
    const entries: Plain[] = [];
    for (const [name, entry] of after) {
      const old = before.get(name);
      if (!old) {
        entries.push(entry);
        continue;
      }
      const changed = diffObject(old, entry);
      if (changed) entries.push({ ...changed, locationName: name });
    }
    return entries.length > 0 ? entries : undefined;
  }
  // A resource whose kind changed (object to list...) replaces the old one; a list cannot,
  // since a list merges by location.
  return Array.isArray(next) ? NOT_A_DIFF : next;
}

/**
 * The changes from `previous` to `next` by the merge rule above: `{}` when nothing changed,
 * undefined when the change cannot be said as a merge (send the whole status instead).
 */
export function diffStatus(
  previous: StatusDocument,
  next: StatusDocument,
): StatusDocument | undefined {
  const changes: StatusDocument = {};
  for (const [resource, value] of Object.entries(next)) {
    const change = resource in previous ? diffResource(previous[resource], value) : value;
    if (change === NOT_A_DIFF) return undefined;
    if (change !== undefined) changes[resource] = change;
  }
  for (const resource of Object.keys(previous)) {
    if (!(resource in next)) changes[resource] = null;
  }
  return changes;
}

function mergeObject(target: Plain, changes: Plain): Plain {
  const out: Plain = { ...target };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** `state` with `changes` applied by the merge rule (a new object; `state` is left alone). */
export function applyStatus(state: StatusDocument, changes: StatusDocument): StatusDocument {
  const out: StatusDocument = { ...state };
  for (const [resource, change] of Object.entries(changes)) {
    const current = out[resource];
    if (change === null) {
      delete out[resource];
    } else if (isObject(current) && isObject(change)) {
      out[resource] = mergeObject(current, change);
    } else if (Array.isArray(current) && Array.isArray(change)) {
      const list: unknown[] = [...(current as unknown[])];
      for (const entry of change) {
        const name = isObject(entry) ? entry.locationName : undefined;
        const at = list.findIndex((item) => isObject(item) && item.locationName === name);
        if (at >= 0 && isObject(entry)) list[at] = mergeObject(list[at] as Plain, entry);
        else list.push(entry);
      }
      out[resource] = list;
    } else {
      out[resource] = change;
    }
  }
  return out;
}
