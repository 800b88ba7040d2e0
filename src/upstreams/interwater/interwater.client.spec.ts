import { Logger } from '@nestjs/common';
import { backgroundContext } from '../../common/context/request-context';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { UpstreamRequest, UpstreamResponse } from '../http/upstream-http.types';
import { UpstreamError } from '../http/upstream.error';
import { InterwaterTokenManager } from './interwater-token.manager';
import { InterwaterClient } from './interwater.client';
import { InterwaterHttp } from './interwater.http';

function setup(answer: (request: UpstreamRequest) => Partial<UpstreamResponse>) {
  const requests: UpstreamRequest[] = [];
  const http = {
    request: jest.fn((request: UpstreamRequest) => {
      requests.push(request);
      return Promise.resolve({ status: 200, headers: {}, body: undefined, ...answer(request) });
    }),
  };
  const tokens = {
    send: jest.fn(<T>(_ctx: unknown, call: (jwt: string) => Promise<UpstreamResponse<T>>) =>
      call('gateway-jwt'),
    ),
  };
  const client = new InterwaterClient(
    http as unknown as InterwaterHttp,
    tokens as unknown as InterwaterTokenManager,
  );
  return { client, requests, tokens };
}

const ok = (data: unknown) => ({ status: 200, body: { status: true, data } });

async function problemOf(promise: Promise<unknown>): Promise<ProblemException> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemException);
  return error as ProblemException;
}

const ctx = backgroundContext();

describe('InterwaterClient', () => {
  beforeAll(() => Logger.overrideLogger(false));
  it('reads the license with the gateway JWT, envelope removed', async () => {
    const { client, requests, tokens } = setup(() =>
      ok({ domain: 'trial', roomLimit: 10, enabled: 0, createdAt: '2020-12-22T15:00:00.000Z' }),
    );
    await expect(client.license(ctx)).resolves.toEqual({
      domain: 'trial',
      roomLimit: 10,
      enabled: false,
      createdAt: '2020-12-22T15:00:00.000Z',
    });
    expect(tokens.send).toHaveBeenCalledTimes(1);
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: '/v1/info',
      route: 'GET /v1/info',
      headers: { 's-connector-jwt': 'gateway-jwt' },
    });
  });

  it('keeps a room name one path segment', async () => {
    const { client, requests } = setup(() => ok({ status: 'WAIT', user: 0, roomName: '../info' }));
    await client.session(ctx, '../info');
    expect(requests[0].path).toBe('/v1/sessions/..%2Finfo');
    expect(requests[0].route).toBe('GET /v1/sessions/:room_name');
  });

  it('sends the usage range as startTime/endTime, without endTime when open', async () => {
    const { client, requests } = setup(() => ok({ domain: 'd', totalSecond: 0, detail: [] }));
    await client.usage(ctx, { from: '2021-02-20', to: '2021-02-25' });
    await client.usage(ctx, { from: '2021-02-20' });
    expect(requests[0]).toMatchObject({
      path: '/v1/static',
      query: { startTime: '2021-02-20', endTime: '2021-02-25' },
    });
    expect(requests[1].query).toEqual({ startTime: '2021-02-20' });
  });

  it('maps an unknown room to ROOM_NOT_FOUND', async () => {
    const { client } = setup(() => ({
      status: 404,
      body: { status: false, message: 'room not found: nope' },
    }));
    const problem = await problemOf(client.session(ctx, 'nope'));
    expect(problem.code).toBe(ErrorCode.ROOM_NOT_FOUND);
    expect(problem.getStatus()).toBe(404);
  });

  it('maps a 401 the token manager gave back (after its retry) to a 502', async () => {
    const { client } = setup(() => ({
      status: 401,
      body: { status: false, message: 'jwt expired' },
    }));
    const problem = await problemOf(client.sessions(ctx));
    expect(problem.code).toBe(ErrorCode.UPSTREAM_CREDENTIALS_REJECTED);
    expect(problem.getStatus()).toBe(502);
  });

  it('maps a 2xx {status: false} to UPSTREAM_ERROR', async () => {
    const { client } = setup(() => ({ status: 200, body: { status: false, message: 'oops' } }));
    const problem = await problemOf(client.sessions(ctx));
    expect(problem.code).toBe(ErrorCode.UPSTREAM_ERROR);
  });

  it.each([
    ['no envelope', [{ status: 'WAIT', user: 1, roomName: 'a' }]],
    ['no data', { status: true }],
    ['an empty body', undefined],
    ['data of the wrong shape', { status: true, data: { status: 'WAIT' } }],
  ])('answers UPSTREAM_BAD_RESPONSE for %s', async (_name, body) => {
    const { client } = setup(() => ({ status: 200, body }));
    const problem = await problemOf(client.sessions(ctx));
    expect(problem).toBeInstanceOf(UpstreamError);
    expect(problem.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    expect(problem.getStatus()).toBe(502);
    expect(problem.detail).not.toMatch(/status|data/);
  });
});
