import { Logger } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { backgroundContext } from '../../common/context/request-context';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { Tracing } from '../../tracing/tracing';
import { UpstreamHealth } from './upstream-health';
import { UpstreamHttpClient, vendorText } from './upstream-http.client';
import { UpstreamPolicy } from './upstream-policy';
import { UpstreamError } from './upstream.error';

const resilience = {
  retries: 2,
  breakerThreshold: 2,
  breakerMinCallers: 1,
  breakerHalfOpenMs: 60_000,
  maxConcurrent: 4,
  maxQueue: 4,
};

const ctx = backgroundContext();

describe('UpstreamHttpClient', () => {
  let server: Server;
  let url: string;
  let hits = 0;
  let seen: string[] = [];
  let answer: { status: number; body: string } = { status: 200, body: '{"ok":true}' };
  const clients: UpstreamHttpClient[] = [];

  beforeAll(async () => {
    // Nest's console logger stays quiet; the tests that read log lines spy on Logger.
    Logger.overrideLogger(false);
    server = createServer((request, response) => {
      hits += 1;
      seen.push(request.url ?? '');
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    hits = 0;
    seen = [];
    answer = { status: 200, body: '{"ok":true}' };
  });

  function make(baseUrl = url) {
    const health = new UpstreamHealth();
    health.register('nueyne', 'remote');
    const policy = new UpstreamPolicy('nueyne', resilience, 100);
    const client = new UpstreamHttpClient(
      'nueyne',
      baseUrl,
      { connectMs: 500, totalMs: 1000 },
      new MetricsService(),
      health,
      policy,
      new Tracing({ tracing: {} } as AppConfig),
    );
    clients.push(client);
    return { client, health, policy };
  }

  it('a header value undici refuses is `unsendable`: never sent, never retried, never counted against the upstream', async () => {
    const { client, health, policy } = make();
    for (let i = 0; i < 5; i++) {
      await expect(
        client.request({
          context: ctx,
          method: 'GET',
          path: '/me',
          route: 'GET /me',
          headers: { authorization: 'Bearer \u4e2d' },
        }),
      ).rejects.toMatchObject({ kind: 'unsendable', status: 500, code: 'INTERNAL_ERROR' });
    }
    expect(hits).toBe(0);
    expect(policy.state).toBe('closed');
    expect(health.snapshot().nueyne).toMatchObject({ state: 'unknown', consecutiveFailures: 0 });
    // The upstream is still called for everyone else.
    expect(
      (await client.request({ context: ctx, method: 'GET', path: '/me', route: 'GET /me' })).status,
    ).toBe(200);
  });

  it('sends the path under the base path, the query without undefined values, to the base URL a call names', async () => {
    const { client } = make(`${url}/api/`);
    const call = { context: ctx, method: 'GET' as const, route: 'GET /x' };
    await client.request({ ...call, path: '/x' });
    await client.request({ ...call, path: '/x', query: { a: 1, b: undefined, c: 'd e' } });
    await client.request({ ...call, path: '/x', query: { b: undefined } });
    for (let i = 0; i < 2; i++) await client.request({ ...call, path: '/y', baseUrl: `${url}/eu` });
    expect(seen).toEqual(['/api/x', '/api/x?a=1&c=d+e', '/api/x', '/eu/y', '/eu/y']);
  });

  it('a base URL the gateway cannot parse is `unsendable` too', async () => {
    const { client } = make();
    await expect(
      client.request({
        context: ctx,
        method: 'GET',
        path: '/x',
        route: 'GET /x',
        baseUrl: 'not a url',
      }),
    ).rejects.toMatchObject({ kind: 'unsendable' });
  });

  it('connection refused is `connect`, counts against the upstream and opens its breaker', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { client, health, policy } = make(`http://127.0.0.1:${port}`);
    const failure = await client
      .request({ context: ctx, method: 'POST', path: '/x', route: 'POST /x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect(failure).toMatchObject({ kind: 'connect', code: 'UPSTREAM_UNAVAILABLE' });
    expect(health.snapshot().nueyne.state).toBe('failing');
    await client
      .request({ context: ctx, method: 'POST', path: '/x', route: 'POST /x' })
      .catch(() => undefined);
    expect(policy.state).toBe('open');
  });

  it('logs each attempt at debug with the route template, never the path values or the query', async () => {
    const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    try {
      const { client } = make();
      await client.request({
        context: { requestId: 'r1', caller: 'lux:1' },
        method: 'GET',
        path: '/devices/secret-device-id',
        route: 'GET /devices/:deviceId',
        query: { unique_id: 'query-value' },
        headers: { authorization: 'Bearer abcdefghijkl' },
      });
      expect(debug).toHaveBeenCalledWith(
        expect.objectContaining({
          msg: 'upstream call',
          upstream: 'nueyne',
          method: 'GET',
          route: '/devices/:deviceId',
          status: 200,
          durationMs: expect.any(Number),
        }),
      );
      const logged = JSON.stringify(debug.mock.calls);
      expect(logged).not.toMatch(/secret-device-id|query-value|abcdefghijkl/);
    } finally {
      debug.mockRestore();
    }
  });

  it('logs a vendor error answer (redacted) and hands it back untouched', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      answer = {
        status: 500,
        body: JSON.stringify({ detail: 'db at http://10.0.0.9 failed', access_token: 'at-1' }),
      };
      const { client } = make();
      const response = await client.request({
        context: ctx,
        method: 'POST',
        path: '/x',
        route: 'POST /x',
      });
      expect(response.status).toBe(500);
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({
          msg: 'upstream error answer',
          status: 500,
          vendorText: expect.stringContaining('10.0.0.9'),
        }),
      );
      expect(JSON.stringify(warn.mock.calls)).not.toContain('at-1');
    } finally {
      warn.mockRestore();
    }
  });
});

describe('vendorText', () => {
  it('masks secret-named keys, scrubs bearer tokens and cuts long text', () => {
    expect(vendorText({ detail: 'x', refresh_token: 'r' })).toBe(
      '{"detail":"x","refresh_token":"[REDACTED]"}',
    );
    expect(vendorText('Bearer abcdefghijklmnop failed')).toBe('Bearer [REDACTED] failed');
    expect(vendorText('a'.repeat(5000))?.length).toBe(2001);
    expect(vendorText(undefined)).toBeUndefined();
  });
});
