import { ErrorCode } from './error-code';
import { ProblemException } from './problem.exception';

describe('ProblemException.retryAfterSeconds', () => {
  const withHeader = (value?: string) =>
    new ProblemException(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED, {
      headers: value === undefined ? {} : { 'retry-after': value },
    });

  it('reads a positive whole number of seconds', () => {
    expect(withHeader('30').retryAfterSeconds).toBe(30);
  });

  it('is undefined without the header, or when it is not a positive whole number', () => {
    for (const value of [undefined, '', '0', '-5', '1.5', 'Wed, 21 Oct 2015 07:28:00 GMT']) {
      expect(withHeader(value).retryAfterSeconds).toBeUndefined();
    }
  });
});
