import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isObject } from '../../common/is-object';
import { clientTopic, type ClientRegistry } from './client-registry';
import { ThinqError } from './errors';
import { deviceIdOf, thinqSender, type ThinqHandler } from './routes';
import { InvalidCsrError, type SandboxCa } from './sandbox-ca';
import type { ThinqState } from './state';

/** What the push routes need from the simulator. */
export interface PushRouteContext {
  state: ThinqState;
  registry: ClientRegistry;
  ca(): Promise<SandboxCa>;
  /** `mqtts://host:port` of the broker, for a client that reached the API at `hostname`. */
  mqttServer(hostname: string): string;
  /** Drops a client's live MQTT connection (its registration ended). */
  disconnect(clientId: string): void;
}

/** ThinQ's fixed values in the Client API bodies (LG's docs: "fixed value"). */
const SERVICE_CODE = 'SVC202';
const CLIENT_TYPE = 'MQTT';
const CLIENT_DEVICE_TYPE = '607';
/** AWS IoT's client ids: at most 128 characters; no MQTT wildcards or topic separators. */
const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

function missing(field: string): ThinqError {
  return new ThinqError('1101', `Missing parameters: ${field}`);
}

function unacceptable(message: string): ThinqError {
  return new ThinqError('1102', `Unacceptable parameters: ${message}`);
}

/** The `x-client-id` header: 1101 when absent, 1102 when it cannot be a client id. */
function clientIdOf(request: FastifyRequest): string {
  const value = request.headers['x-client-id'];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) throw missing('header x-client-id');
  if (!CLIENT_ID.test(text)) {
    throw unacceptable('x-client-id must be 1-128 characters of A-Z a-z 0-9 _ . : -');
  }
  return text;
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body: unknown = request.body;
  if (body === undefined || body === null || body === '') throw missing('body');
  if (!isObject(body)) throw unacceptable('the body must be a JSON object');
  return body;
}

/** A field that must be the given string (1101 absent, 1102 otherwise). */
function fixed(body: Record<string, unknown>, field: string, value: string): void {
  if (body[field] === undefined) throw missing(`body ${field}`);
  if (body[field] !== value) throw unacceptable(`${field} must be "${value}"`);
}

/** `{expire: {unit: "HOUR", timer: 1..24}}`, each part optional (default one hour). */
function expiryHours(request: FastifyRequest): number {
  const body: unknown = request.body;
  if (body === undefined || body === null || body === '') return 1;
  if (!isObject(body)) throw unacceptable('the body must be a JSON object');
  if (body.expire === undefined) return 1;
  if (!isObject(body.expire)) throw unacceptable('expire must be an object {unit, timer}');
  const { unit, timer } = body.expire;
  if (unit !== undefined && unit !== 'HOUR') throw unacceptable('expire.unit must be "HOUR"');
  if (timer === undefined) return 1;
  if (typeof timer !== 'number' || !Number.isInteger(timer) || timer < 1 || timer > 24) {
    throw unacceptable('expire.timer must be an integer from 1 to 24');
  }
  return timer;
}

/**
 * ThinQ's Route, Client, Event and Push APIs (LG's ThinQ Connect API reference and its SDK),
 * under the same prefix, headers, quota and envelopes as the device routes; the client ones
 * also need `x-client-id`.
 */
export function registerPushRoutes(app: FastifyInstance, context: PushRouteContext): void {
  const { state, registry } = context;
  const send = thinqSender(state, ['x-client-id']);
  const sendWithoutClient = thinqSender(state);
  /** A route of a client: `x-client-id` is required like the common headers. */
  const clientRoute =
    (handler: (request: FastifyRequest, userId: string, clientId: string) => unknown) =>
    (request: FastifyRequest, userId: string) =>
      handler(request, userId, clientIdOf(request));
  const route = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    handler: ThinqHandler,
    needsClient = true,
  ) =>
    app.route({
      method,
      url,
      handler: (request, reply) =>
        (needsClient ? send : sendWithoutClient)(request, reply, handler),
    });

  /** A device of the caller that ThinQ reports events of (1205, 1212, then 1214). */
  const reportable = (userId: string, deviceId: string) => {
    const device = state.deviceFor(userId, deviceId);
    if (!device.deviceInfo.reportable) {
      throw new ThinqError('1214', 'Not subscribable device');
    }
    return device;
  };

  route(
    'GET',
    '/v2/route',
    (request) => {
      const mqttServer = context.mqttServer(request.hostname);
      return {
        apiServer: `${request.protocol}://${request.headers.host ?? request.hostname}`,
        mqttServer,
        webSocketServer: `${mqttServer.replace(/^mqtts:/, 'wss:')}/mqtt`,
      };
    },
    false,
  );

  route(
    'POST',
    '/v2/client',
    clientRoute((request, userId, clientId) => {
      const body = bodyOf(request);
      fixed(body, 'type', CLIENT_TYPE);
      fixed(body, 'service-code', SERVICE_CODE);
      fixed(body, 'device-type', CLIENT_DEVICE_TYPE);
      if (body.allowExist !== undefined && typeof body.allowExist !== 'boolean') {
        throw unacceptable('allowExist must be a boolean');
      }
      registry.register(userId, clientId, body.allowExist === true);
      return {};
    }),
  );

  route(
    'DELETE',
    '/v2/client',
    clientRoute((request, userId, clientId) => {
      const body = bodyOf(request);
      fixed(body, 'type', CLIENT_TYPE);
      fixed(body, 'service-code', SERVICE_CODE);
      registry.unregister(userId, clientId);
      context.disconnect(clientId);
      return {};
    }),
  );

  route(
    'POST',
    '/v2/client/certificate',
    clientRoute(async (request, userId, clientId) => {
      const body = bodyOf(request);
      fixed(body, 'service-code', SERVICE_CODE);
      if (body.csr === undefined || body.csr === '') throw missing('body csr');
      if (typeof body.csr !== 'string') throw unacceptable('csr must be a string');
      const client = registry.mustGet(userId, clientId);
      const ca = await context.ca();
      try {
        const issued = await ca.signCsr(body.csr, clientId);
        registry.addCertificate(client, issued.serial);
        return {
          resultCode: '0000',
          result: { certificatePem: issued.certPem, subscriptions: [clientTopic(clientId)] },
        };
      } catch (error) {
        if (error instanceof InvalidCsrError) throw unacceptable(error.message);
        throw error;
      }
    }),
  );

  route(
    'GET',
    '/v2/event',
    clientRoute((_request, userId, clientId) =>
      registry.liveEventDevices(registry.mustGet(userId, clientId)).map((deviceId) => ({
        deviceId,
      })),
    ),
  );

  route(
    'POST',
    '/v2/event/:deviceId/subscribe',
    clientRoute((request, userId, clientId) => {
      const hours = expiryHours(request);
      const client = registry.mustGet(userId, clientId);
      const device = reportable(userId, deviceIdOf(request));
      registry.subscribeEvents(client, device.deviceId, hours);
      return {};
    }),
  );

  route(
    'DELETE',
    '/v2/event/:deviceId/unsubscribe',
    clientRoute((request, userId, clientId) => {
      const client = registry.mustGet(userId, clientId);
      const device = state.deviceFor(userId, deviceIdOf(request));
      registry.unsubscribeEvents(client, device.deviceId);
      return {};
    }),
  );

  route(
    'GET',
    '/v2/push',
    clientRoute((_request, userId, clientId) =>
      [...registry.mustGet(userId, clientId).pushes].map((deviceId) => ({ deviceId })),
    ),
  );

  route(
    'POST',
    '/v2/push/:deviceId/subscribe',
    clientRoute((request, userId, clientId) => {
      const client = registry.mustGet(userId, clientId);
      const device = reportable(userId, deviceIdOf(request));
      registry.subscribePush(client, device.deviceId);
      return {};
    }),
  );

  route(
    'DELETE',
    '/v2/push/:deviceId/unsubscribe',
    clientRoute((request, userId, clientId) => {
      const client = registry.mustGet(userId, clientId);
      const device = state.deviceFor(userId, deviceIdOf(request));
      registry.unsubscribePush(client, device.deviceId);
      return {};
    }),
  );

  route(
    'GET',
    '/v2/push/devices',
    clientRoute((_request, userId, clientId) => {
      registry.mustGet(userId, clientId);
      return registry.deviceListClients(userId).map((client) => client.clientId);
    }),
  );

  route(
    'POST',
    '/v2/push/devices',
    clientRoute((_request, userId, clientId) => {
      registry.subscribeDeviceList(registry.mustGet(userId, clientId));
      return {};
    }),
  );

  route(
    'DELETE',
    '/v2/push/devices',
    clientRoute((_request, userId, clientId) => {
      registry.unsubscribeDeviceList(registry.mustGet(userId, clientId));
      return {};
    }),
  );
}
