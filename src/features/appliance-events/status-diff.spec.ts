import { createDemoDevices } from '../../sandbox/thinq/demo-data';
import { applyStatus, diffStatus, StatusDocument } from './status-diff';

const fridge: StatusDocument = {
  doorStatus: [{ doorState: 'CLOSE', locationName: 'MAIN' }],
  refrigeration: { expressMode: false, freshAirFilter: 'OFF' },
  temperature: [
    { locationName: 'FRIDGE', targetTemperature: 5, unit: 'C' },
    { locationName: 'FREEZER', targetTemperature: -18, unit: 'C' },
  ],
};

/** Key order and list order do not matter to a client; compare canonical forms. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

describe('status diff', () => {
  it('nothing changed: an empty diff', () => {
    expect(diffStatus(fridge, structuredClone(fridge))).toEqual({});
  });

  it('carries only the properties that changed, per resource', () => {
    const next = structuredClone(fridge);
    (next.refrigeration as Record<string, unknown>).expressMode = true;
    expect(diffStatus(fridge, next)).toEqual({ refrigeration: { expressMode: true } });
  });

  it('a located resource: only the entries that changed, each with its locationName', () => {
    const next = structuredClone(fridge);
    (next.temperature as Record<string, unknown>[])[1].targetTemperature = -20;
    expect(diffStatus(fridge, next)).toEqual({
      temperature: [{ locationName: 'FREEZER', targetTemperature: -20 }],
    });
  });

  it('a new location is sent whole; a new resource too; a property or resource gone is null', () => {
    const next = structuredClone(fridge);
    (next.temperature as unknown[]).push({ locationName: 'CONVERTIBLE', targetTemperature: 2 });
    next.filter = { remainPercent: 80 };
    delete (next.refrigeration as Record<string, unknown>).freshAirFilter;
    delete next.doorStatus;
    expect(diffStatus(fridge, next)).toEqual({
      temperature: [{ locationName: 'CONVERTIBLE', targetTemperature: 2 }],
      filter: { remainPercent: 80 },
      refrigeration: { freshAirFilter: null },
      doorStatus: null,
    });
  });

  it('nested values are compared by value and sent whole', () => {
    const a = { timer: { schedule: [1, 2] } };
    expect(diffStatus(a, { timer: { schedule: [1, 2] } })).toEqual({});
    expect(diffStatus(a, { timer: { schedule: [1, 3] } })).toEqual({
      timer: { schedule: [1, 3] },
    });
  });

  it('what the merge rule cannot say is no diff: a location gone, a list without locations', () => {
    const next = structuredClone(fridge);
    (next.temperature as unknown[]).pop();
    expect(diffStatus(fridge, next)).toBeUndefined();
    expect(diffStatus({ items: [1, 2] }, { items: [1, 2, 3] })).toBeUndefined();
    expect(diffStatus({ a: { x: 1 } }, { a: [{ locationName: 'L', x: 1 }] })).toBeUndefined();
    expect(diffStatus({ a: [] }, { a: [{ x: 1 }] })).toBeUndefined();
  });

  it('applying a diff to the old status gives the new one (every demo device, many changes)', () => {
    const devices = createDemoDevices();
    const changes: ((status: StatusDocument) => void)[] = [
      (s) => ((s.timer as Record<string, unknown>) ??= {}),
      (s) => {
        const runState = s.runState as Record<string, unknown> | undefined;
        if (runState) runState.currentState = 'END';
      },
      (s) => {
        for (const value of Object.values(s)) {
          if (Array.isArray(value) && value[0]) (value[0] as Record<string, unknown>).extra = 1;
        }
      },
      (s) => {
        const first = Object.keys(s)[0];
        delete s[first];
      },
      (s) => {
        s.brandNew = { on: true };
      },
      (s) => {
        for (const value of Object.values(s)) {
          if (value && typeof value === 'object' && !Array.isArray(value)) {
            const key = Object.keys(value)[0];
            if (key) delete (value as Record<string, unknown>)[key];
          }
        }
      },
    ];
    let checked = 0;
    for (const device of devices) {
      let state = structuredClone(device.status) as StatusDocument;
      for (const change of changes) {
        const next = structuredClone(state);
        change(next);
        const diff = diffStatus(state, next);
        expect(diff).toBeDefined();
        expect(canonical(applyStatus(state, diff!))).toEqual(canonical(next));
        state = next;
        checked += 1;
      }
    }
    expect(checked).toBe(devices.length * changes.length);
  });

  it('applyStatus leaves the old status alone', () => {
    const before = structuredClone(fridge);
    applyStatus(fridge, {
      refrigeration: { expressMode: true },
      temperature: [{ locationName: 'FRIDGE', targetTemperature: 3 }],
      doorStatus: null,
    });
    expect(fridge).toEqual(before);
  });
});
