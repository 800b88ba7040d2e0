import { upstreamPath } from './upstream-path';

describe('upstreamPath', () => {
  it('fills placeholders', () => {
    expect(upstreamPath('/v2/devices/status/:id', { id: 'TQS-1' })).toBe(
      '/v2/devices/status/TQS-1',
    );
    expect(upstreamPath('/api/v1/lux/user/real-user/:id', { id: 7 })).toBe(
      '/api/v1/lux/user/real-user/7',
    );
  });

  it('keeps traversal and query characters inside one segment', () => {
    expect(upstreamPath('/v1/sessions/:room', { room: '../info' })).toBe('/v1/sessions/..%2Finfo');
    expect(upstreamPath('/v1/sessions/:room', { room: '..' })).toBe('/v1/sessions/%2E%2E');
    expect(upstreamPath('/v1/sessions/:room', { room: 'a?b#c d' })).toBe(
      '/v1/sessions/a%3Fb%23c%20d',
    );
  });

  it('refuses missing or empty values', () => {
    expect(() => upstreamPath('/v1/sessions/:room', {})).toThrow(':room');
    expect(() => upstreamPath('/v1/sessions/:room', { room: '' })).toThrow('empty');
  });
});
