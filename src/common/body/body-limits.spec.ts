import { BODY_LIMITS, formLimitExceeded, jsonLimitExceeded } from './body-limits';

const limits = { maxDepth: 3, maxMembers: 5, maxStringLength: 8 };

describe('jsonLimitExceeded', () => {
  it('accepts what stays within every limit, and leaves malformed text to JSON.parse', () => {
    for (const text of [
      '{}',
      '[]',
      '"just a string"',
      '42',
      'null',
      '{"a":{"b":[1,2]}}',
      ' { "a" : [ ] , "b" : { } } ',
      '{"a":',
      '[[[',
      '}}}}]]]]',
    ]) {
      expect(jsonLimitExceeded(text, { ...limits, maxStringLength: 100 })).toBeUndefined();
    }
  });

  it('counts nesting of objects and arrays, not brackets inside strings', () => {
    expect(jsonLimitExceeded('[[[1]]]', limits)).toBeUndefined();
    expect(jsonLimitExceeded('[[[[1]]]]', limits)).toBe('nests deeper than 3 levels');
    expect(jsonLimitExceeded('{"a":{"b":{"c":{}}}}', limits)).toBe('nests deeper than 3 levels');
    expect(jsonLimitExceeded('[[["[[[["]]]', limits)).toBeUndefined();
    // An escaped quote does not end the string; an escaped backslash before the quote does.
    expect(jsonLimitExceeded('["\\"[[[["]', limits)).toBeUndefined();
    expect(jsonLimitExceeded('["\\\\",[[[1]]]]', limits)).toBe('nests deeper than 3 levels');
    // Depth is the current nesting, not the number of containers.
    expect(jsonLimitExceeded('[[[]],[[]]]', limits)).toBeUndefined();
  });

  it('counts object members and array items over the whole body', () => {
    expect(jsonLimitExceeded('{"a":1,"b":2,"c":3,"d":4,"e":5}', limits)).toBeUndefined();
    expect(jsonLimitExceeded('{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}', limits)).toMatch(
      /more than 5 members/,
    );
    expect(jsonLimitExceeded('[1,2,3,4,5]', limits)).toBeUndefined();
    expect(jsonLimitExceeded('[1,2,3,4,5,6]', limits)).toMatch(/more than 5 members/);
    // Nested: {"a": [1, 2], "b": {"c": 3}} has a, b, 1, 2, c.
    expect(jsonLimitExceeded('{"a":[1,2],"b":{"c":3}}', limits)).toBeUndefined();
    expect(jsonLimitExceeded('{"a":[1,2],"b":{"c":3,"d":4}}', limits)).toMatch(/more than 5/);
    // Empty containers have no members; commas inside strings are not separators.
    expect(jsonLimitExceeded('[[],[],{},{},[]]', limits)).toBeUndefined();
    expect(jsonLimitExceeded('["a,b,c,d"]', limits)).toBeUndefined();
  });

  it('measures each string as sent', () => {
    expect(jsonLimitExceeded('["12345678"]', limits)).toBeUndefined();
    expect(jsonLimitExceeded('["123456789"]', limits)).toBe(
      'has a string longer than 8 characters',
    );
    expect(jsonLimitExceeded('{"123456789":1}', limits)).toMatch(/longer than 8/);
    expect(jsonLimitExceeded('"\\u0041\\u0042"', limits)).toMatch(/longer than 8/);
  });

  it('checks a megabyte in one pass (100,000-deep array, 200,000 members)', () => {
    expect(jsonLimitExceeded('['.repeat(100_000) + ']'.repeat(100_000))).toBe(
      'nests deeper than 32 levels',
    );
    expect(jsonLimitExceeded(`[${'1,'.repeat(200_000)}1]`)).toBe(
      'has more than 1,000 members (object keys and array items)',
    );
    expect(jsonLimitExceeded(`"${'\\\\'.repeat(200_000)}"`)).toMatch(/longer than 65,536/);
    expect(BODY_LIMITS).toEqual({ maxDepth: 32, maxMembers: 1000, maxStringLength: 65_536 });
  });
});

describe('formLimitExceeded', () => {
  it('counts parameters and measures each one', () => {
    expect(formLimitExceeded('a=1&b=2&c=3&d=4&e=5', limits)).toBeUndefined();
    expect(formLimitExceeded('a=1&b=2&c=3&d=4&e=5&f=6', limits)).toBe('has more than 5 parameters');
    expect(formLimitExceeded('a=123456', limits)).toBeUndefined();
    expect(formLimitExceeded('a=1234567', limits)).toBe('has a parameter longer than 8 characters');
    expect(formLimitExceeded('', limits)).toBeUndefined();
  });
});
