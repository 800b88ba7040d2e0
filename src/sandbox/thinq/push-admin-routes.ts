import type { FastifyInstance } from 'fastify';
import type { PushPublisher } from './push-publisher';
import type { ThinqState } from './state';

/** What the knobs reach of the ThinQ simulator. */
export interface PushKnobs {
  readonly state: ThinqState;
  readonly push: PushPublisher;
  caPem(): Promise<string>;
  setBrokerDown(down: boolean): Promise<void>;
  setCertificatesRefused(refused: boolean): void;
  expireEventSubscriptions(): void;
  notify(deviceId: string, pushCode: string): void;
  renameDevice(deviceId: string, alias: string): void;
}

/**
 * Push knobs for a running sandbox, under `/__sandbox/push` (not recorded, no auth): the CA a
 * client trusts the broker by, the faults (broker down, messages dropped or delayed,
 * certificates refused, event subscriptions expired), a
 * device's notification, a rename, and the messages sent.
 */
export function registerPushAdminRoutes(app: FastifyInstance, simulator: PushKnobs): void {
  app.get('/__sandbox/push/ca', async (_request, reply) =>
    reply.type('application/x-pem-file').send(await simulator.caPem()),
  );

  app.get('/__sandbox/push/messages', () => simulator.push.sent);

  app.put('/__sandbox/push/faults', async (request, reply) => {
    const body = (request.body ?? {}) as {
      drop?: unknown;
      delayMs?: unknown;
      brokerDown?: unknown;
      refuseCertificates?: unknown;
      expireSubscriptions?: unknown;
    };
    if (typeof body.drop === 'boolean') simulator.push.faults.drop = body.drop;
    if (typeof body.delayMs === 'number' && body.delayMs >= 0) {
      simulator.push.faults.delayMs = body.delayMs;
    }
    if (body.expireSubscriptions === true) simulator.expireEventSubscriptions();
    try {
      if (typeof body.brokerDown === 'boolean') await simulator.setBrokerDown(body.brokerDown);
      if (typeof body.refuseCertificates === 'boolean') {
        simulator.setCertificatesRefused(body.refuseCertificates);
      }
    } catch (error) {
      return reply.status(409).send({ error: (error as Error).message });
    }
    return reply.status(200).send(simulator.push.faults);
  });

  app.post('/__sandbox/push/devices/:deviceId/notify', (request, reply) => {
    const { deviceId } = request.params as { deviceId: string };
    const { code } = (request.body ?? {}) as { code?: unknown };
    if (!simulator.state.devices.has(deviceId)) {
      return reply.status(404).send({ error: 'unknown device' });
    }
    if (typeof code !== 'string') return reply.status(400).send({ error: 'code is required' });
    try {
      simulator.notify(deviceId, code);
    } catch (error) {
      return reply.status(400).send({ error: (error as Error).message });
    }
    return reply.status(204).send();
  });

  app.put('/__sandbox/push/devices/:deviceId/alias', (request, reply) => {
    const { deviceId } = request.params as { deviceId: string };
    const { alias } = (request.body ?? {}) as { alias?: unknown };
    if (!simulator.state.devices.has(deviceId)) {
      return reply.status(404).send({ error: 'unknown device' });
    }
    if (typeof alias !== 'string') return reply.status(400).send({ error: 'alias is required' });
    simulator.renameDevice(deviceId, alias);
    return reply.status(204).send();
  });
}
