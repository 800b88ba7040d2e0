import { backgroundContext } from '../../common/context/request-context';
import { ERROR_CODES, ErrorCode } from '../../common/problem/error-code';
import { Clock } from '../../common/clock';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { MemoryKeyValueStore } from '../../redis/memory-key-value.store';
import { UpstreamEndpoints } from '../http/upstream-endpoints';
import { UpstreamRequest, UpstreamResponse } from '../http/upstream-http.types';
import { UpstreamHttpFactory } from '../http/upstream-http.factory';
import { ThinqBudget } from './thinq-budget';
import { ThinqLinkVerifier } from './thinq-link.verifier';
import { ThinqClient } from './thinq.client';
import { ThinqHttp } from './thinq.http';

const config = {
  thinq: {
    serviceId: 'svc-id',
    serviceKey: 'svc-key',
    timeouts: { connectMs: 1000, totalMs: 1000 },
    hourlyCallBudget: 5,
    commandReserve: 2,
  },
} as AppConfig;

function setup(template: string, answer: (request: UpstreamRequest) => UpstreamResponse) {
  const sent: UpstreamRequest[] = [];
  const factory = {
    create: () => ({
      request: (request: UpstreamRequest) => {
        sent.push(request);
        return Promise.resolve(answer(request));
      },
    }),
  } as unknown as UpstreamHttpFactory;
  const endpoints = new UpstreamEndpoints('http://n', 'http://i', template, {
    nueyne: false,
    thinq: false,
    interwater: false,
  });
  const budget = new ThinqBudget(
    new MemoryKeyValueStore(),
    config,
    new Clock(),
    new MetricsService(),
  );
  const client = new ThinqClient(new ThinqHttp(factory, endpoints, config), config, budget);
  return { client, sent, budget };
}

const ok = (response: unknown): UpstreamResponse => ({
  status: 200,
  headers: {},
  body: { messageId: 'x', responseCode: '0000', response, statusCode: 200 },
});

const failure = (status: number, code: string, headers = {}): UpstreamResponse => ({
  status,
  headers,
  body: {
    messageId: 'x',
    responseCode: code,
    response: { error: { code, message: 'LG says no' } },
  },
});

const account = { accessToken: 'tok', countryCode: 'KR' };

const ctx = backgroundContext();

describe('ThinqClient', () => {
  it('sends LG headers with a fresh 22-character message id on every call', async () => {
    const { client, sent } = setup('https://{region}-connect.lgthinq.com', () => ok([]));
    await client.devices(ctx, account);
    await client.devices(ctx, { accessToken: 'tok', countryCode: 'kr' });
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.headers).toMatchObject({
        authorization: 'Bearer tok',
        'x-service-id': 'svc-id',
        'x-service-key': 'svc-key',
        'x-country-code': 'KR',
      });
      expect(request.headers!['x-message-id']).toMatch(/^[A-Za-z0-9_-]{21}[AQgw]$/);
    }
    expect(sent[0].headers!['x-message-id']).not.toBe(sent[1].headers!['x-message-id']);
  });

  it('follows the country to its regional host with a {region} template', async () => {
    const { client, sent } = setup('https://{region}-connect.lgthinq.com', () => ok([]));
    for (const countryCode of ['KR', 'US', 'DE'])
      await client.devices(ctx, { accessToken: 't', countryCode });
    expect(sent.map((r) => r.baseUrl)).toEqual([
      'https://kic-connect.lgthinq.com',
      'https://aic-connect.lgthinq.com',
      'https://eic-connect.lgthinq.com',
    ]);
  });

  it('uses a plain base URL for every country', async () => {
    const { client, sent } = setup('http://127.0.0.1:4020', () => ok([]));
    await client.devices(ctx, { accessToken: 't', countryCode: 'US' });
    await client.devices(ctx, { accessToken: 't', countryCode: 'KR' });
    expect(sent.map((r) => r.baseUrl)).toEqual(['http://127.0.0.1:4020', 'http://127.0.0.1:4020']);
  });

  it('removes the envelope and flattens deviceInfo', async () => {
    const { client } = setup('http://t', () =>
      ok([
        {
          deviceId: 'd1',
          deviceInfo: {
            alias: 'PAC1',
            codeName: 'standard',
            deviceType: 'DEVICE_AIR_CONDITIONER',
            modelName: 'PAC_910604_KR',
            reportable: true,
          },
        },
        {
          deviceId: 'd2',
          deviceInfo: {
            alias: '',
            deviceType: 'DEVICE_WASHTOWER_DRYER',
            modelName: 'WT',
            reportable: false,
            groupId: '169',
          },
        },
      ]),
    );
    expect(await client.devices(ctx, account)).toEqual([
      {
        deviceId: 'd1',
        alias: 'PAC1',
        codeName: 'standard',
        deviceType: 'DEVICE_AIR_CONDITIONER',
        modelName: 'PAC_910604_KR',
        reportable: true,
      },
      {
        deviceId: 'd2',
        alias: '',
        deviceType: 'DEVICE_WASHTOWER_DRYER',
        modelName: 'WT',
        reportable: false,
        groupId: '169',
      },
    ]);
  });

  it('encodes the device id into one path segment and posts the command as JSON', async () => {
    const { client, sent } = setup('http://t', () => ok({}));
    await client.control(ctx, account, '../profile/x', { operation: { mode: 'ON' } });
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: '/v2/devices/control/..%2Fprofile%2Fx',
      route: 'POST /v2/devices/control/:deviceId',
      json: { operation: { mode: 'ON' } },
    });
  });

  it('maps ThinQ failures through the table, keeping the code', async () => {
    const { client } = setup('http://t', () => failure(416, '1222'));
    const error = (await client
      .status(ctx, account, 'd')
      .catch((e: unknown) => e)) as ProblemException;
    expect(error.code).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(error.upstream).toMatchObject({ name: 'thinq', status: 416, code: '1222' });
  });

  it('forwards ThinQ\u2019s Retry-After on a rate limit', async () => {
    const { client } = setup('http://t', () => failure(429, '1314', { 'retry-after': '30' }));
    const error = (await client
      .status(ctx, account, 'd')
      .catch((e: unknown) => e)) as ProblemException;
    expect(error.getStatus()).toBe(429);
    expect(error.headers).toEqual({ 'retry-after': '30' });
  });

  it('counts every call against the account’s budget; a spent budget is 429 without a call', async () => {
    const { client, sent, budget } = setup('http://t', () => ok({}));
    for (let i = 0; i < 3; i++) await client.status(ctx, account, 'd');
    // 5 a hour, 2 of them kept for commands: the fourth read is refused, and never sent.
    const refused = (await client
      .status(ctx, account, 'd')
      .catch((e: unknown) => e)) as ProblemException;
    expect(refused.code).toBe(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED);
    expect(refused.getStatus()).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect(sent).toHaveLength(3);
    // A command may spend the reserve: the profile read that checks it and the control itself.
    await client.profile(ctx, account, 'd', 'command');
    await client.control(ctx, account, 'd', { operation: { mode: 'OFF' } });
    await expect(client.control(ctx, account, 'd', {})).rejects.toMatchObject({
      code: ErrorCode.UPSTREAM_QUOTA_EXHAUSTED,
    });
    expect(sent).toHaveLength(5);
    // Another account is untouched.
    await client.status(ctx, { accessToken: 'other', countryCode: 'KR' }, 'd');
    expect(await budget.remaining({ accessToken: 'other' })).toEqual({
      remaining: 2,
      retryAfterSeconds: 0,
    });
  });

  it('stops calling an account ThinQ refused for its quota, for ThinQ’s Retry-After', async () => {
    let answer = failure(429, '1314', { 'retry-after': '120' });
    const { client, sent, budget } = setup('http://t', () => answer);
    await expect(client.devices(ctx, account)).rejects.toMatchObject({
      code: ErrorCode.UPSTREAM_QUOTA_EXHAUSTED,
    });
    answer = ok([]);
    const blocked = (await client
      .devices(ctx, account)
      .catch((e: unknown) => e)) as ProblemException;
    expect(blocked.code).toBe(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(100);
    expect(sent).toHaveLength(1);
    expect((await budget.remaining(account, 'command')).remaining).toBe(0);
    await client.devices(ctx, { accessToken: 'other', countryCode: 'KR' });
    expect(sent).toHaveLength(2);
  });

  it('calls a 200 without an envelope unreadable', async () => {
    const { client } = setup('http://t', () => ({ status: 200, headers: {}, body: { hello: 1 } }));
    await expect(client.status(ctx, account, 'd')).rejects.toMatchObject({
      code: ErrorCode.UPSTREAM_BAD_RESPONSE,
    });
  });
});

describe('ThinqLinkVerifier', () => {
  it('refuses an unsupported country without calling ThinQ', async () => {
    const { client, sent } = setup('http://t', () => ok([]));
    const verifier = new ThinqLinkVerifier(client);
    await expect(verifier.verify(ctx, 'tok', 'XX')).rejects.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'countryCode' })],
    });
    expect(sent).toHaveLength(0);
  });

  it('checks the token with GET /v2/devices', async () => {
    const { client, sent } = setup('http://t', () => ok([]));
    await new ThinqLinkVerifier(client).verify(ctx, 'tok', 'KR');
    expect(sent[0].route).toBe('GET /v2/devices');
  });

  it('answers UPSTREAM_CREDENTIALS_REJECTED for a token ThinQ refuses', async () => {
    const { client } = setup('http://t', () => failure(401, '1103'));
    const error = (await new ThinqLinkVerifier(client)
      .verify(ctx, 'bad', 'KR')
      .catch((e: unknown) => e)) as ProblemException;
    expect(error.code).toBe(ErrorCode.UPSTREAM_CREDENTIALS_REJECTED);
    expect(error.getStatus()).toBe(ERROR_CODES[ErrorCode.UPSTREAM_CREDENTIALS_REJECTED].status);
    expect(error.upstream).toMatchObject({ name: 'thinq', code: '1103' });
  });

  it('names countryCode when ThinQ refuses the country', async () => {
    const { client } = setup('http://t', () => failure(401, '1307'));
    await expect(new ThinqLinkVerifier(client).verify(ctx, 'tok', 'KP')).rejects.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });
});
