import { ifNoneMatchHits, weakETag } from './etag';

describe('weakETag', () => {
  it('is weak, stable for the same text and different for another', () => {
    const a = weakETag('{"a":1}');
    expect(a).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(weakETag('{"a":1}')).toBe(a);
    expect(weakETag('{"a":2}')).not.toBe(a);
  });
});

describe('ifNoneMatchHits (weak comparison, RFC 9110 13.1.2)', () => {
  const tag = 'W/"abc"';
  it.each([
    ['W/"abc"', true],
    ['"abc"', true],
    ['W/"x", W/"abc"', true],
    ['*', true],
    ['W/"abd"', false],
    ['', false],
    [undefined, false],
  ])('%p -> %p', (header, hit) => {
    expect(ifNoneMatchHits(header, tag)).toBe(hit);
  });
});
