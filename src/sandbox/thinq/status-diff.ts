import { isDeepStrictEqual } from 'node:util';
import type { DeviceStatus, JsonObject } from './demo-data';

/** The properties of `after` that are new or differ from `before` (undefined: none). */
function changedProperties(before: JsonObject | undefined, after: JsonObject): JsonObject {
  const changed: JsonObject = {};
  for (const [property, value] of Object.entries(after)) {
    if (!before || !isDeepStrictEqual(before[property], value)) {
      changed[property] = structuredClone(value);
    }
  }
  return changed;
}

/**
 * What changed from one status to the next, shaped like a status document (what ThinQ's
 * DEVICE_STATUS `report` carries): per plain resource the changed properties, per located
 * resource the changed entries with their `locationName` and changed properties. Undefined
 * when nothing changed. Removed properties are not reported (a status never loses one).
 */
export function diffStatus(before: DeviceStatus, after: DeviceStatus): DeviceStatus | undefined {
  const report: DeviceStatus = {};
  for (const [resource, value] of Object.entries(after)) {
    const previous = before[resource];
    if (Array.isArray(value)) {
      const list = Array.isArray(previous) ? previous : [];
      const entries: JsonObject[] = [];
      for (const entry of value) {
        const old = list.find((item) => item.locationName === entry.locationName);
        const changed = changedProperties(old, entry);
        delete changed.locationName;
        if (Object.keys(changed).length > 0) {
          entries.push({ locationName: entry.locationName ?? null, ...changed });
        }
      }
      if (entries.length > 0) report[resource] = entries;
    } else {
      const changed = changedProperties(Array.isArray(previous) ? undefined : previous, value);
      if (Object.keys(changed).length > 0) report[resource] = changed;
    }
  }
  return Object.keys(report).length > 0 ? report : undefined;
}
