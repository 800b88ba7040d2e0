import { redact, redactString } from './redact';

describe('redact', () => {
  it('masks secret-named keys at any depth', () => {
    const out = redact({
      headers: { authorization: 'Bearer abc', 'x-service-key': 'k', cookie: 'c' },
      body: { nested: [{ password: 'p', refresh_token: 'r', username: 'u' }] },
    });
    expect(out).toEqual({
      headers: { authorization: '[REDACTED]', 'x-service-key': '[REDACTED]', cookie: '[REDACTED]' },
      body: { nested: [{ password: '[REDACTED]', refresh_token: '[REDACTED]', username: 'u' }] },
    });
  });

  it('scrubs bearer credentials and JWTs inside free text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    expect(redactString(`upstream said Bearer s3cr3t and ${jwt}`)).toBe(
      'upstream said Bearer [REDACTED] and [REDACTED]',
    );
  });

  it('keeps ordinary values', () => {
    expect(redact({ method: 'GET', status: 200, route: '/v1/me' })).toEqual({
      method: 'GET',
      status: 200,
      route: '/v1/me',
    });
  });
});
