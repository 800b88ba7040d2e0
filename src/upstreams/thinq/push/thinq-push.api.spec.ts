import { backgroundContext } from '../../../common/context/request-context';
import { ErrorCode } from '../../../common/problem/error-code';
import { ProblemException } from '../../../common/problem/problem.exception';
import { parseMqttServer, ThinqPushApi } from './thinq-push.api';
import { failure, newTestCa, ok, signClientCertificate, thinqClientWith } from './push.testing';

const ctx = backgroundContext();
const account = { accessToken: 'tok', countryCode: 'KR', owner: 'user-1' };
const CLIENT = 'junction-0123';

function setup(answer: Parameters<typeof thinqClientWith>[0], budget?: number) {
  const { client, sent } = thinqClientWith(answer, budget);
  return { api: new ThinqPushApi(client), sent };
}

async function problemOf(promise: Promise<unknown>): Promise<ProblemException> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProblemException);
  return error as ProblemException;
}

describe('ThinqPushApi', () => {
  it('sends LG headers, the client id and the bodies of LG\u2019s SDK', async () => {
    const { api, sent } = setup((request) =>
      ok(request.route === 'GET /v2/route' ? { mqttServer: 'mqtts://broker.example:8883' } : {}),
    );
    await api.mqttServer(ctx, account, CLIENT);
    await api.register(ctx, account, CLIENT);
    await api.unregister(ctx, account, CLIENT);
    await api.subscribeEvents(ctx, account, CLIENT, 'dev/1', 24);
    await api.subscribePush(ctx, account, CLIENT, 'dev/1');
    await api.unsubscribeEvents(ctx, account, CLIENT, 'dev/1');
    await api.unsubscribePush(ctx, account, CLIENT, 'dev/1');
    await api.subscribeDeviceList(ctx, account, CLIENT);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v2/route',
      'POST /v2/client',
      'DELETE /v2/client',
      'POST /v2/event/dev%2F1/subscribe',
      'POST /v2/push/dev%2F1/subscribe',
      'DELETE /v2/event/dev%2F1/unsubscribe',
      'DELETE /v2/push/dev%2F1/unsubscribe',
      'POST /v2/push/devices',
    ]);
    for (const request of sent) {
      expect(request.headers).toMatchObject({
        authorization: 'Bearer tok',
        'x-client-id': CLIENT,
        'x-service-id': 'svc-id',
        'x-service-key': 'svc-key',
        'x-country-code': 'KR',
      });
    }
    expect(sent[1].json).toEqual({
      type: 'MQTT',
      'service-code': 'SVC202',
      'device-type': '607',
      allowExist: true,
    });
    expect(sent[2].json).toEqual({ type: 'MQTT', 'service-code': 'SVC202' });
    expect(sent[3].json).toEqual({ expire: { unit: 'HOUR', timer: 24 } });
    expect(sent[4].json).toBeUndefined();
  });

  it('keeps the expiry within LG\u2019s 1 to 24 hours', async () => {
    const { api, sent } = setup(() => ok({}));
    await api.subscribeEvents(ctx, account, CLIENT, 'd', 48);
    await api.subscribeEvents(ctx, account, CLIENT, 'd', 0);
    expect(sent.map((r) => r.json)).toEqual([
      { expire: { unit: 'HOUR', timer: 24 } },
      { expire: { unit: 'HOUR', timer: 1 } },
    ]);
  });

  it('counts every call against the account\u2019s hourly budget', async () => {
    const { api, sent } = setup(() => ok({}), 3);
    await api.subscribeEvents(ctx, account, CLIENT, 'd', 24);
    await api.subscribePush(ctx, account, CLIENT, 'd');
    // Budget 3 with a reserve of 1: the third read is refused without a call.
    const problem = await problemOf(api.subscribeEvents(ctx, account, CLIENT, 'd', 24));
    expect(problem.code).toBe(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED);
    expect(sent).toHaveLength(2);
  });

  it('takes "already subscribed" (1207) as success, as LG\u2019s SDK and Home Assistant do', async () => {
    const { api } = setup(() => failure(404, '1207'));
    expect(await api.subscribePush(ctx, account, CLIENT, 'd')).toBe('subscribed');
    await expect(api.subscribeDeviceList(ctx, account, CLIENT)).resolves.toBeUndefined();
  });

  it('answers "refused" for a device ThinQ will not push for', async () => {
    for (const code of ['1214', '1219', '1221', '1205', '1212', '1224']) {
      const { api } = setup(() => failure(code === '1219' || code === '1221' ? 406 : 404, code));
      expect(await api.subscribeEvents(ctx, account, CLIENT, 'd', 24)).toBe('refused');
      expect(await api.subscribePush(ctx, account, CLIENT, 'd')).toBe('refused');
    }
  });

  it('throws what may pass (quota, token, ThinQ down) as the mapped problem', async () => {
    for (const [status, code, problem] of [
      [429, '1314', ErrorCode.UPSTREAM_QUOTA_EXHAUSTED],
      [401, '1103', ErrorCode.UPSTREAM_LOGIN_REQUIRED],
      [500, '2000', ErrorCode.UPSTREAM_ERROR],
    ] as const) {
      const { api } = setup(() => failure(status, code));
      expect((await problemOf(api.subscribeEvents(ctx, account, CLIENT, 'd', 24))).code).toBe(
        problem,
      );
    }
  });

  it('takes "not subscribed" (1204, 1206) as a done unsubscribe', async () => {
    const { api } = setup((request) =>
      failure(404, request.route.includes('/event/') ? '1204' : '1206'),
    );
    await expect(api.unsubscribeEvents(ctx, account, CLIENT, 'd')).resolves.toBeUndefined();
    await expect(api.unsubscribePush(ctx, account, CLIENT, 'd')).resolves.toBeUndefined();
  });

  it('reads the issued certificate, its end and the first topic', async () => {
    const ca = await newTestCa();
    const { certPem } = await signClientCertificate(ca, undefined, 3_600_000);
    const { api, sent } = setup(() =>
      ok({
        resultCode: '0000',
        result: { certificatePem: certPem, subscriptions: ['app/clients/c/push', 'other'] },
      }),
    );
    const issued = await api.issueCertificate(ctx, account, CLIENT, 'MIIC');
    expect(issued).toEqual({
      certificatePem: certPem,
      topic: 'app/clients/c/push',
      notAfter: expect.any(Number),
    });
    expect(Math.abs(issued.notAfter - (Date.now() + 3_600_000))).toBeLessThan(5000);
    expect(sent[0].json).toEqual({ 'service-code': 'SVC202', csr: 'MIIC' });
  });

  it('refuses an unreadable certificate answer or route as UPSTREAM_BAD_RESPONSE', async () => {
    for (const response of [
      {},
      { result: { certificatePem: 'not a certificate', subscriptions: ['t'] } },
      { result: { certificatePem: '-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----' } },
    ]) {
      const { api } = setup(() => ok(response));
      const problem = await problemOf(api.issueCertificate(ctx, account, CLIENT, 'x'));
      expect(problem.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    }
    for (const mqttServer of [undefined, 'https://h:1', 'mqtt://h:1883', 'not a url']) {
      const { api } = setup(() => ok({ mqttServer }));
      const problem = await problemOf(api.mqttServer(ctx, account, CLIENT));
      expect(problem.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    }
  });
});

describe('parseMqttServer', () => {
  it('reads mqtts://HOST:PORT, with 8883 by default', () => {
    expect(parseMqttServer('mqtts://a3-ats.iot.ap-northeast-2.amazonaws.com:8883')).toEqual({
      url: 'mqtts://a3-ats.iot.ap-northeast-2.amazonaws.com:8883',
      host: 'a3-ats.iot.ap-northeast-2.amazonaws.com',
      port: 8883,
    });
    expect(parseMqttServer('mqtts://127.0.0.1')).toEqual({
      url: 'mqtts://127.0.0.1',
      host: '127.0.0.1',
      port: 8883,
    });
    expect(parseMqttServer('mqtts://user:pw@h:1')).toBeUndefined();
  });
});
