import { ThinqError } from './errors';

const HOUR_MS = 60 * 60 * 1000;

/** A client registered with the Client API (one per `x-client-id`, owned by one account). */
export interface PushClient {
  clientId: string;
  userId: string;
  /** Serial numbers (upper-case hex) of the certificates issued to it. */
  certificates: Set<string>;
  /** Event subscriptions: device id -> when it expires (epoch ms, the simulator's clock). */
  events: Map<string, number>;
  /** Push (notification) subscriptions by device id. */
  pushes: Set<string>;
  /** Subscribed to `push/devices` (device registered, unregistered, alias changed). */
  deviceList: boolean;
}

/** The MQTT topic ThinQ gives a client in `subscriptions` (its only one). */
export function clientTopic(clientId: string): string {
  return `app/clients/${clientId}/push`;
}

/**
 * The clients, certificates and subscriptions of ThinQ's Client, Event and Push APIs. An event
 * subscription ends at its expiry (by the simulator's clock): it is then neither listed nor
 * delivered, and unsubscribing it answers 1204 like one that never was.
 */
export class ClientRegistry {
  private readonly clients = new Map<string, PushClient>();
  private readonly certificateOwners = new Map<string, string>();

  constructor(private readonly now: () => number) {}

  clear(): void {
    this.clients.clear();
    this.certificateOwners.clear();
  }

  /** The caller's registered client, or 1102 (unknown, or another account's). */
  mustGet(userId: string, clientId: string): PushClient {
    const client = this.clients.get(clientId);
    if (!client || client.userId !== userId) {
      throw new ThinqError(
        '1102',
        'Unacceptable parameters: x-client-id is not a client registered for this account',
      );
    }
    return client;
  }

  /** POST client. Registered again: fine with `allowExist`, 1225 otherwise (and for others'). */
  register(userId: string, clientId: string, allowExist: boolean): void {
    const existing = this.clients.get(clientId);
    if (existing) {
      if (existing.userId === userId && allowExist) return;
      throw new ThinqError('1225', 'Duplicate device id: x-client-id is already registered');
    }
    this.clients.set(clientId, {
      clientId,
      userId,
      certificates: new Set(),
      events: new Map(),
      pushes: new Set(),
      deviceList: false,
    });
  }

  /** DELETE client: its certificates stop working and its subscriptions end. */
  unregister(userId: string, clientId: string): PushClient {
    const client = this.mustGet(userId, clientId);
    for (const serial of client.certificates) this.certificateOwners.delete(serial);
    this.clients.delete(clientId);
    return client;
  }

  addCertificate(client: PushClient, serial: string): void {
    client.certificates.add(serial);
    this.certificateOwners.set(serial, client.clientId);
  }

  /** The client id a (still valid) certificate was issued to. */
  ownerOfCertificate(serial: string): string | undefined {
    return this.certificateOwners.get(serial.toUpperCase());
  }

  /** Subscribes, or renews the expiry of, the client's events of a device. */
  subscribeEvents(client: PushClient, deviceId: string, hours: number): void {
    client.events.set(deviceId, this.now() + hours * HOUR_MS);
  }

  unsubscribeEvents(client: PushClient, deviceId: string): void {
    if (!this.hasLiveEvents(client, deviceId)) {
      throw new ThinqError('1204', 'Not subscribed event');
    }
    client.events.delete(deviceId);
  }

  hasLiveEvents(client: PushClient, deviceId: string): boolean {
    const expiresAt = client.events.get(deviceId);
    if (expiresAt === undefined) return false;
    if (expiresAt > this.now()) return true;
    client.events.delete(deviceId);
    return false;
  }

  liveEventDevices(client: PushClient): string[] {
    return [...client.events.keys()].filter((deviceId) => this.hasLiveEvents(client, deviceId));
  }

  subscribePush(client: PushClient, deviceId: string): void {
    if (client.pushes.has(deviceId)) throw new ThinqError('1207', 'Already subscribed push');
    client.pushes.add(deviceId);
  }

  unsubscribePush(client: PushClient, deviceId: string): void {
    if (!client.pushes.delete(deviceId)) throw new ThinqError('1206', 'Not subscribed push');
  }

  subscribeDeviceList(client: PushClient): void {
    if (client.deviceList) throw new ThinqError('1207', 'Already subscribed push');
    client.deviceList = true;
  }

  unsubscribeDeviceList(client: PushClient): void {
    if (!client.deviceList) throw new ThinqError('1206', 'Not subscribed push');
    client.deviceList = false;
  }

  /** The account's clients on `push/devices` (GET push/devices lists their ids). */
  deviceListClients(userId: string): PushClient[] {
    return this.all().filter((client) => client.userId === userId && client.deviceList);
  }

  /** Clients with a live event subscription for the device. */
  eventSubscribers(deviceId: string): PushClient[] {
    return this.all().filter((client) => this.hasLiveEvents(client, deviceId));
  }

  /** Whether any client has a live event or a push subscription for the device. */
  watched(deviceId: string): boolean {
    return this.all().some(
      (client) => client.pushes.has(deviceId) || this.hasLiveEvents(client, deviceId),
    );
  }

  /** The knob "subscription expired": every event subscription ends now. */
  expireEvents(): void {
    for (const client of this.all()) client.events.clear();
  }

  pushSubscribers(deviceId: string): PushClient[] {
    return this.all().filter((client) => client.pushes.has(deviceId));
  }

  /** A device left the account: every subscription to it ends. */
  forgetDevice(deviceId: string): void {
    for (const client of this.all()) {
      client.events.delete(deviceId);
      client.pushes.delete(deviceId);
    }
  }

  all(): PushClient[] {
    return [...this.clients.values()];
  }
}
