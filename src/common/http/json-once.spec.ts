import { jsonOnce } from './json-once';

describe('jsonOnce', () => {
  it('serialises the answer of a value once, and each value on its own', () => {
    const value = { a: 1 };
    let builds = 0;
    const build = (from: object) => () => {
      builds += 1;
      return { type: 'T', ...from };
    };
    expect(jsonOnce(value, build(value))).toBe('{"type":"T","a":1}');
    expect(jsonOnce(value, build(value))).toBe('{"type":"T","a":1}');
    expect(builds).toBe(1);
    const other = { a: 2 };
    expect(jsonOnce(other, build(other))).toBe('{"type":"T","a":2}');
    expect(builds).toBe(2);
  });
});
