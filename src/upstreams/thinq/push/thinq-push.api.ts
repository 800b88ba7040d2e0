import { Injectable } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { RequestContext } from '../../../common/context/request-context';
import { isObject } from '../../../common/is-object';
import { ErrorCode } from '../../../common/problem/error-code';
import { ProblemException } from '../../../common/problem/problem.exception';
import { HttpMethod } from '../../http/upstream-http.types';
import { upstreamPath } from '../../http/upstream-path';
import { ThinqAccount, ThinqClient, ThinqDocument } from '../thinq.client';
import type {
  ThinqCertificateRequestVendor,
  ThinqCertificateVendor,
  ThinqClientRegisterVendor,
  ThinqClientUnregisterVendor,
  ThinqEventSubscribeVendor,
  ThinqRouteVendor,
} from '../vendor/push.vendor';

/** Route labels (metrics, logs) and path templates of the push routes, beside the device routes. */
const ROUTES = {
  route: ['GET', '/v2/route'],
  register: ['POST', '/v2/client'],
  unregister: ['DELETE', '/v2/client'],
  certificate: ['POST', '/v2/client/certificate'],
  eventSubscribe: ['POST', '/v2/event/:deviceId/subscribe'],
  eventUnsubscribe: ['DELETE', '/v2/event/:deviceId/unsubscribe'],
  pushSubscribe: ['POST', '/v2/push/:deviceId/subscribe'],
  pushUnsubscribe: ['DELETE', '/v2/push/:deviceId/unsubscribe'],
  devicesSubscribe: ['POST', '/v2/push/devices'],
} as const satisfies Record<string, readonly [HttpMethod, string]>;

type RouteName = keyof typeof ROUTES;

/** LG's fixed values of the Client API (its document and SDK). */
const SERVICE_CODE = 'SVC202';
const REGISTER: ThinqClientRegisterVendor = {
  type: 'MQTT',
  'service-code': SERVICE_CODE,
  'device-type': '607',
  allowExist: true,
};
const UNREGISTER: ThinqClientUnregisterVendor = { type: 'MQTT', 'service-code': SERVICE_CODE };

/** LG's codes that mean "this is already so": success for an idempotent (un)subscribe. */
const ALREADY_SUBSCRIBED_PUSH = '1207';
const NOT_SUBSCRIBED_EVENT = '1204';
const NOT_SUBSCRIBED_PUSH = '1206';

/** Where the account's broker is: `mqtts://HOST:PORT`. */
export interface ThinqMqttServer {
  url: string;
  host: string;
  port: number;
}

/** What client/certificate issues: the client's certificate and the topic it subscribes. */
export interface ThinqIssuedCertificate {
  certificatePem: string;
  topic: string;
  /** When the certificate ends (epoch ms). */
  notAfter: number;
}

/** A device subscription's outcome: subscribed, or ThinQ will not push for this device. */
export type ThinqSubscribeOutcome = 'subscribed' | 'refused';

function upstreamCode(error: unknown): string | undefined {
  return error instanceof ProblemException ? error.upstream?.code : undefined;
}

/**
 * A definite "no push for this device": ThinQ does not support it here (1214 not subscribable,
 * i.e. not `reportable`, 1219-1221, 2202) or has no such device for the account (1205, 1210-1213,
 * 1217, 1224). Anything else (quota, token, ThinQ down) is a failure to try again.
 */
export function isDeviceRefusal(error: unknown): boolean {
  return (
    error instanceof ProblemException &&
    error.upstream?.name === 'thinq' &&
    (error.code === ErrorCode.NOT_SUPPORTED || error.code === ErrorCode.DEVICE_NOT_FOUND)
  );
}

/**
 * ThinQ Connect's Route, Client, Event and Push APIs for one account's push client, through
 * ThinqClient (LG's headers, the regional host, the hourly budget as `read` calls, the envelope and
 * the error table), each with `x-client-id` the account's client id. The vendor's "already so"
 * answers are success, as in LG's SDK and Home Assistant.
 */
@Injectable()
export class ThinqPushApi {
  constructor(private readonly client: ThinqClient) {}

  /** GET route: the MQTT broker of the account's region. */
  async mqttServer(
    ctx: RequestContext,
    account: ThinqAccount,
    clientId: string,
  ): Promise<ThinqMqttServer> {
    const route = await this.call<unknown>(ctx, account, clientId, 'route');
    const url = isObject(route) ? (route as ThinqRouteVendor).mqttServer : undefined;
    const server = typeof url === 'string' ? parseMqttServer(url) : undefined;
    if (!server) throw unreadable();
    return server;
  }

  /** POST client: registers the client id (an existing registration is kept: `allowExist`). */
  async register(ctx: RequestContext, account: ThinqAccount, clientId: string): Promise<void> {
    await this.call(ctx, account, clientId, 'register', {}, { ...REGISTER });
  }

  /** DELETE client: ends the registration (and LG's subscriptions of the client). */
  async unregister(ctx: RequestContext, account: ThinqAccount, clientId: string): Promise<void> {
    await this.call(ctx, account, clientId, 'unregister', {}, { ...UNREGISTER });
  }

  /** POST client/certificate: a certificate for the CSR (base64 DER) and the client's topic. */
  async issueCertificate(
    ctx: RequestContext,
    account: ThinqAccount,
    clientId: string,
    csr: string,
  ): Promise<ThinqIssuedCertificate> {
    const body: ThinqCertificateRequestVendor = { 'service-code': SERVICE_CODE, csr };
    const answer = await this.call<unknown>(ctx, account, clientId, 'certificate', {}, { ...body });
    const result = isObject(answer) ? (answer as ThinqCertificateVendor).result : undefined;
    const certificatePem = result?.certificatePem;
    const topic = Array.isArray(result?.subscriptions) ? result.subscriptions[0] : undefined;
    const notAfter = typeof certificatePem === 'string' ? endOf(certificatePem) : undefined;
    if (certificatePem === undefined || notAfter === undefined || typeof topic !== 'string') {
      throw unreadable();
    }
    if (topic === '' || topic.includes('#') || topic.includes('+')) throw unreadable();
    return { certificatePem, topic, notAfter };
  }

  /** POST event/{id}/subscribe for `hours` (1 to 24); subscribing again renews the expiry. */
  async subscribeEvents(
    ctx: RequestContext,
    account: ThinqAccount,
    clientId: string,
    deviceId: string,
    hours: number,
  ): Promise<ThinqSubscribeOutcome> {
    const body: ThinqEventSubscribeVendor = {
      expire: { unit: 'HOUR', timer: Math.min(24, Math.max(1, Math.round(hours))) },
    };
    return this.subscribe(() =>
      this.call(ctx, account, clientId, 'eventSubscribe', { deviceId }, { ...body }),
    );
  }

  /** POST push/{id}/subscribe (the device's notifications); "already subscribed" is success. */
  subscribePush(
    ctx: RequestContext,
    account: ThinqAccount,
    clientId: string,
    deviceId: string,
  ): Promise<ThinqSubscribeOutcome> {
    return this.subscribe(() => this.call(ctx, account, clientId, 'pushSubscribe', { deviceId }));
  }

  /** DELETE event/{id}/unsubscribe; "not subscribed" is success. */
  unsubscribeEvents(
    ctx: RequestContext,
    account: ThinqAccount,
    clientId: string,
    deviceId: string,
  ) {
    return this.unsubscribe(NOT_SUBSCRIBED_EVENT, () =>
      this.call(ctx, account, clientId, 'eventUnsubscribe', { deviceId }),
    );
  }

  /** DELETE push/{id}/unsubscribe; "not subscribed" is success. */
  unsubscribePush(ctx: RequestContext, account: ThinqAccount, clientId: string, deviceId: string) {
    return this.unsubscribe(NOT_SUBSCRIBED_PUSH, () =>
      this.call(ctx, account, clientId, 'pushUnsubscribe', { deviceId }),
    );
  }

  /** POST push/devices: the client gets devices added, removed and renamed; "already" is success. */
  async subscribeDeviceList(
    ctx: RequestContext,
    account: ThinqAccount,
    clientId: string,
  ): Promise<void> {
    try {
      await this.call(ctx, account, clientId, 'devicesSubscribe');
    } catch (error) {
      if (upstreamCode(error) !== ALREADY_SUBSCRIBED_PUSH) throw error;
    }
  }

  private async subscribe(send: () => Promise<unknown>): Promise<ThinqSubscribeOutcome> {
    try {
      await send();
      return 'subscribed';
    } catch (error) {
      if (upstreamCode(error) === ALREADY_SUBSCRIBED_PUSH) return 'subscribed';
      if (isDeviceRefusal(error)) return 'refused';
      throw error;
    }
  }

  private async unsubscribe(notSubscribed: string, send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (error) {
      // Nothing to end: not subscribed, or the device is gone.
      if (upstreamCode(error) === notSubscribed || isDeviceRefusal(error)) return;
      throw error;
    }
  }

  private call<T = unknown>(
    ctx: RequestContext,
    account: ThinqAccount,
    clientId: string,
    name: RouteName,
    params: Record<string, string> = {},
    json?: ThinqDocument,
  ): Promise<T> {
    const [method, template] = ROUTES[name];
    return this.client.request<T>(ctx, account, {
      kind: 'read',
      method,
      route: `${method} ${template}`,
      path: upstreamPath(template, params),
      json,
      headers: { 'x-client-id': clientId },
    });
  }
}

/** `mqtts://HOST:PORT` (the port defaults to MQTT over TLS's 8883); anything else is unreadable. */
export function parseMqttServer(raw: string): ThinqMqttServer | undefined {
  if (!URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  if (url.protocol !== 'mqtts:' || url.hostname === '' || url.username || url.password) {
    return undefined;
  }
  const port = url.port === '' ? 8883 : Number(url.port);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { url: `mqtts://${url.host}`, host, port };
}

/** The end of a PEM certificate Node can read; undefined for anything else. */
function endOf(certificatePem: string): number | undefined {
  try {
    const end = Date.parse(new X509Certificate(certificatePem).validTo);
    return Number.isNaN(end) ? undefined : end;
  } catch {
    return undefined;
  }
}

function unreadable(): ProblemException {
  return new ProblemException(ErrorCode.UPSTREAM_BAD_RESPONSE, {
    detail: 'ThinQ answered something the gateway cannot read.',
    upstream: { name: 'thinq', status: 200 },
  });
}
