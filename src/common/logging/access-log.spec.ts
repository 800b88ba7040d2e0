import { ACCESS_BATCH_CHARS, ACCESS_FLUSH_MS, AccessLog } from './access-log';
import { createLogger } from './logger';

/** A destination that keeps what is written. */
function capture(): { lines: string[]; write(text: string): void } {
  const lines: string[] = [];
  return { lines, write: (text: string) => void lines.push(text) };
}

const withoutTime = (line: string) => line.replace(/"time":"[^"]+"/, '"time":"T"');

describe('AccessLog', () => {
  const entry = {
    requestId: 'req-1',
    method: 'GET',
    routeJson: JSON.stringify('/v1/appliances/:deviceId/status'),
    status: 200,
    durationMs: 1.27,
  };

  it('writes the line pino writes for the same fields, with the process line format', () => {
    const ours = capture();
    const theirs = capture();
    new AccessLog('info', ours).write(entry);
    createLogger('info', theirs).info(
      {
        requestId: entry.requestId,
        method: entry.method,
        route: '/v1/appliances/:deviceId/status',
        status: entry.status,
        durationMs: entry.durationMs,
      },
      'request',
    );
    expect(ours.lines).toHaveLength(1);
    expect(withoutTime(ours.lines[0])).toBe(withoutTime(theirs.lines[0]));
    const line = JSON.parse(ours.lines[0]) as Record<string, unknown>;
    expect(Date.parse(line.time as string)).toBeGreaterThan(0);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      route: entry.routeJson.slice(1, -1),
    });
  });

  it('escapes what it is given as JSON', () => {
    const out = capture();
    new AccessLog('info', out).write({ ...entry, requestId: 'a"b\\c', method: 'GET' });
    expect((JSON.parse(out.lines[0]) as { requestId: string }).requestId).toBe('a"b\\c');
  });

  it('writes nothing below its level', () => {
    for (const level of ['warn', 'error', 'fatal', 'silent']) {
      const out = capture();
      new AccessLog(level, out).write(entry);
      expect(out.lines).toEqual([]);
    }
    const debug = capture();
    new AccessLog('debug', debug).write(entry);
    expect(debug.lines).toHaveLength(1);
  });

  it('batched, writes the lines of a short while together, or once they fill a batch', () => {
    jest.useFakeTimers();
    const out = capture();
    const log = new AccessLog('info', out, true);
    log.write(entry);
    jest.advanceTimersByTime(ACCESS_FLUSH_MS - 1);
    log.write({ ...entry, requestId: 'req-2' });
    expect(out.lines).toEqual([]);
    jest.advanceTimersByTime(1);
    jest.useRealTimers();
    expect(out.lines).toHaveLength(1);
    const lines = out.lines[0].split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => (JSON.parse(line) as { requestId: string }).requestId)).toEqual([
      'req-1',
      'req-2',
    ]);
    const full = capture();
    const filling = new AccessLog('info', full, true);
    let written = 0;
    while (full.lines.length === 0) {
      filling.write(entry);
      written += 1;
    }
    expect(full.lines[0].length).toBeGreaterThanOrEqual(ACCESS_BATCH_CHARS);
    expect(full.lines[0].split('\n')).toHaveLength(written + 1);
    filling.write(entry);
    filling.flush();
    expect(full.lines).toHaveLength(2);
  });
});
