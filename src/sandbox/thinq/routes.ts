import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DeviceStatus } from './demo-data';
import { failureBody, thinqTimestamp, ThinqError } from './errors';
import type { ThinqState } from './state';

export type ThinqHandler = (request: FastifyRequest, userId: string) => unknown;

export type ThinqSend = (
  request: FastifyRequest,
  reply: FastifyReply,
  handler: ThinqHandler,
) => Promise<FastifyReply>;

export function messageIdOf(request: FastifyRequest): string {
  const value = request.headers['x-message-id'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function deviceIdOf(request: FastifyRequest): string {
  return (request.params as { deviceId: string }).deviceId;
}

/** Runs a handler behind the common-header checks and answers in LG's envelopes. */
export function thinqSender(state: ThinqState, moreHeaders: readonly string[] = []): ThinqSend {
  const now = state.config.now;
  return async (request, reply, handler) => {
    try {
      const userId = state.authenticate(request.headers, moreHeaders);
      const response = await handler(request, userId);
      return reply.status(200).send({
        messageId: messageIdOf(request),
        requestId: randomBytes(16).toString('base64url'),
        response,
        responseCode: '0000',
        statusCode: 200,
        timestamp: thinqTimestamp(now()),
      });
    } catch (error) {
      if (!(error instanceof ThinqError)) throw error;
      return reply.status(error.status).send(failureBody(error, messageIdOf(request), now()));
    }
  };
}

/** The four ThinQ Connect v2 device routes, LG's envelopes and error mapping. */
export function registerThinqRoutes(app: FastifyInstance, state: ThinqState): void {
  const now = state.config.now;
  const send = thinqSender(state);

  app.get('/v2/devices', (request, reply) =>
    send(request, reply, (_request, userId) =>
      state.devicesOf(userId).map((device) => ({
        deviceId: device.deviceId,
        deviceInfo: structuredClone(device.deviceInfo),
      })),
    ),
  );

  app.get('/v2/devices/profile/:deviceId', (request, reply) =>
    send(request, reply, (req, userId) =>
      structuredClone(state.deviceFor(userId, deviceIdOf(req)).profile),
    ),
  );

  app.get('/v2/devices/status/:deviceId', (request, reply) =>
    send(request, reply, (req, userId) =>
      structuredClone(state.connectedDeviceFor(userId, deviceIdOf(req)).status),
    ),
  );

  app.post('/v2/devices/control/:deviceId', (request, reply) =>
    send(request, reply, (req, userId) => {
      const deviceId = deviceIdOf(req);
      state.connectedDeviceFor(userId, deviceId);
      if (req.body === undefined || req.body === null || req.body === '') {
        throw new ThinqError('1101', 'Missing parameters: device command body');
      }
      state.control(userId, deviceId, req.body);
      return {};
    }),
  );

  // Bodies Fastify cannot parse (bad JSON, unsupported media type) answer in LG's shape.
  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const clientError = error.statusCode !== undefined && error.statusCode < 500;
    const thinqError = new ThinqError(
      clientError ? '1000' : '2000',
      clientError ? `Bad request: ${error.message ?? ''}` : 'Internal server error',
    );
    return reply
      .status(thinqError.status)
      .send(failureBody(thinqError, messageIdOf(request), now()));
  });

  registerAdminRoutes(app, state);
}

/** Knobs for a running sandbox, under `/__sandbox/state` (not recorded, no auth). */
function registerAdminRoutes(app: FastifyInstance, state: ThinqState): void {
  app.get('/__sandbox/state/devices', () =>
    state.allDevices().map((device) => ({
      deviceId: device.deviceId,
      ownerId: device.ownerId,
      deviceType: device.deviceInfo.deviceType,
      online: device.online,
      error: device.error,
      status: device.status,
    })),
  );
  app.put('/__sandbox/state/devices/:deviceId', (request, reply) => {
    const device = state.devices.get(deviceIdOf(request));
    if (!device) return reply.status(404).send({ error: 'unknown device' });
    state.advance(device);
    const body = (request.body ?? {}) as {
      online?: unknown;
      error?: unknown;
      status?: unknown;
    };
    if (typeof body.online === 'boolean') device.online = body.online;
    if (typeof body.error === 'string' || body.error === null) device.error = body.error;
    if (typeof body.status === 'object' && body.status !== null) {
      state.patchStatus(device.deviceId, body.status as DeviceStatus);
    }
    return reply.status(200).send({
      deviceId: device.deviceId,
      online: device.online,
      error: device.error,
      status: device.status,
    });
  });
  app.put('/__sandbox/state/quota', (request, reply) => {
    const body = (request.body ?? {}) as { hourly?: unknown; serviceHourly?: unknown };
    if (typeof body.hourly === 'number') state.hourlyQuota = body.hourly;
    if (typeof body.serviceHourly === 'number') state.serviceHourlyQuota = body.serviceHourly;
    if (body.serviceHourly === null) state.serviceHourlyQuota = Infinity;
    return reply.status(200).send({
      hourly: state.hourlyQuota,
      serviceHourly: Number.isFinite(state.serviceHourlyQuota) ? state.serviceHourlyQuota : null,
    });
  });
}
