import { RouteMatcher } from './route-matcher';

describe('RouteMatcher', () => {
  const matcher = new RouteMatcher();
  matcher.add('GET', '/v1/therapy/devices/check');
  matcher.add('GET', '/v1/therapy/devices/:uniqueId');
  matcher.add('DELETE', '/v1/therapy/devices/:uniqueId');
  matcher.add('GET', '/v1/me');
  matcher.add('HEAD', '/v1/me');
  matcher.add('GET', '/docs/*');
  matcher.add('OPTIONS', '*');

  it('lists the methods a path has, sorted, the query string aside', () => {
    expect(matcher.allowedMethods('/v1/me?x=1')).toBe('GET, HEAD');
    expect(matcher.allowedMethods('/v1/therapy/devices/abc')).toBe('DELETE, GET');
    expect(matcher.allowedMethods('/docs/static/index.html')).toBe('GET');
  });

  it('gives no parameter a fixed word another route has at the same place', () => {
    expect(matcher.allowedMethods('/v1/therapy/devices/check')).toBe('GET');
    expect(matcher.takesReservedWord('/v1/therapy/devices/:uniqueId', { uniqueId: 'check' })).toBe(
      true,
    );
    expect(matcher.takesReservedWord('/v1/therapy/devices/:uniqueId', { uniqueId: 'abc' })).toBe(
      false,
    );
    expect(matcher.takesReservedWord('/v1/me', {})).toBe(false);
  });

  it('knows no path only the CORS catch-all has', () => {
    expect(matcher.allowedMethods('/nowhere')).toBeUndefined();
  });
});
