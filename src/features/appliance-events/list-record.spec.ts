import { nextListRecord, parseListRecord } from './list-record';

describe('nextListRecord', () => {
  it('remembers what disappeared since the last record, and forgets what came back', () => {
    const first = nextListRecord(undefined, ['a', 'b'], ['a'], 10);
    expect(first).toEqual({ ids: ['a'], removed: [{ deviceId: 'b', at: 10 }], at: 10 });
    const back = nextListRecord(first, undefined, ['a', 'b'], 20);
    expect(back).toEqual({ ids: ['a', 'b'], removed: [], at: 20 });
  });

  it('keeps the last 50 removals', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `d${i}`);
    const record = nextListRecord({ ids, removed: [], at: 0 }, undefined, [], 1);
    expect(record.removed).toHaveLength(50);
    expect(record.removed[0].deviceId).toBe('d10');
  });

  it('reads nothing from a missing or broken record', () => {
    expect(parseListRecord(null)).toBeUndefined();
    expect(parseListRecord('{')).toBeUndefined();
  });
});
