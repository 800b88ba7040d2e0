import type { AddressInfo, Socket } from 'node:net';
import { hostname } from 'node:os';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { clientTopic, type ClientRegistry } from './client-registry';
import type { SandboxCa } from './sandbox-ca';

/** Where the simulator's push messages go: its own broker, or an external one. */
export interface PushSink {
  /** The address ThinQ's Route API answers as `mqttServer`. */
  readonly url: string;
  /** Publishes at QoS 1 (a persistent session that is away gets it when it is back). */
  publish(topic: string, payload: string): Promise<void>;
  /** Drops a client's connection (its registration ended: its certificates no longer work). */
  disconnect(clientId: string): void;
  close(): Promise<void>;
}

function notAuthorized(message: string): AuthenticateError {
  const error = new Error(message) as AuthenticateError;
  error.returnCode = 5; // NOT_AUTHORIZED
  return error;
}

/**
 * The sandbox's MQTT broker, as strict as ThinQ's (AWS IoT Core): MQTT over TLS on
 * `tls.createServer` with `requestCert` and `rejectUnauthorized` against the sandbox CA, so
 * only certificates the CA issued connect; the MQTT client id must be the client the
 * certificate was issued to (and still registered); a client may subscribe only to its own
 * topic `app/clients/<client id>/push` (QoS 1 at most) and may not publish. Sessions with
 * `clean: false` persist with aedes' in-memory persistence, which queues QoS 1 messages for a
 * client while it is away.
 */
export class EmbeddedBroker implements PushSink {
  private readonly sockets = new Set<Socket>();
  private down = false;

  private constructor(
    /** The knob "certificate refused": every connection is refused as not authorized. */
    readonly policy: { refuseAll: boolean },
    private readonly aedes: Aedes,
    private readonly server: Server,
    private readonly host: string,
    private port: number,
  ) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: {
    ca: SandboxCa;
    registry: ClientRegistry;
    host: string;
    port?: number;
  }): Promise<EmbeddedBroker> {
    const { ca, registry, host } = options;
    const policy = { refuseAll: false };
    const aedes = await Aedes.createBroker({
      authenticate: (client, _username, _password, done) => {
        const socket = client.conn as TLSSocket;
        const serial = socket.getPeerCertificate?.()?.serialNumber;
        const owner = serial ? registry.ownerOfCertificate(serial) : undefined;
        if (policy.refuseAll) {
          done(notAuthorized('the certificate is refused (sandbox knob)'), false);
        } else if (owner === undefined) {
          done(notAuthorized('the certificate belongs to no registered client'), false);
        } else if (owner !== client.id) {
          done(notAuthorized('the MQTT client id is not the certificate’s client'), false);
        } else {
          done(null, true);
        }
      },
      authorizeSubscribe: (client, subscription, done) => {
        if (subscription.topic !== clientTopic(client.id)) {
          done(null, null);
          return;
        }
        done(null, { ...subscription, qos: subscription.qos > 1 ? 1 : subscription.qos });
      },
      authorizePublish: (_client, _packet, done) => done(new Error('clients may not publish')),
    });
    // Valid for loopback, and for the machine's name when it listens on every interface.
    const wildcard = host === '0.0.0.0' || host === '::';
    const hosts = [...new Set([...(wildcard ? [hostname()] : [host]), '127.0.0.1', 'localhost'])];
    const identity = await ca.issueServer(hosts);
    const server = createServer(
      {
        cert: identity.certPem,
        key: identity.keyPem,
        ca: [ca.certPem],
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
      },
      (socket) => aedes.handle(socket),
    );
    const broker = new EmbeddedBroker(policy, aedes, server, host, options.port ?? 0);
    await broker.listen();
    return broker;
  }

  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `mqtts://${host}:${this.port}`;
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, this.host, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    return new Promise((resolve) => {
      for (const socket of this.sockets) socket.destroy();
      if (!this.server.listening) resolve();
      else this.server.close(() => resolve());
    });
  }

  /** The knob "broker down": refuses connections (and drops live ones) until it is back up. */
  async setDown(down: boolean): Promise<void> {
    if (down === this.down) return;
    this.down = down;
    if (down) await this.stopListening();
    else await this.listen();
  }

  publish(topic: string, payload: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.aedes.publish(
        { cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain: false, dup: false },
        (error) => (error ? reject(error) : resolve()),
      ),
    );
  }

  disconnect(clientId: string): void {
    const clients = (this.aedes as unknown as { clients: Record<string, Client | undefined> })
      .clients;
    clients[clientId]?.close();
  }

  async close(): Promise<void> {
    await this.stopListening();
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
  }
}

/** An external broker (mosquitto in tests) the simulator publishes to as a TLS client. */
export interface ExternalBrokerOptions {
  /** `mqtts://host:port`: what the simulator connects to, and what the Route API answers. */
  url: string;
  /** PEM of the CA that signed the broker's certificate. */
  ca: string;
  /** The simulator's own client certificate and key (PEM), which the broker lets publish. */
  cert: string;
  key: string;
  /** MQTT client id of the publisher (default `thinq-sandbox-publisher`). */
  clientId?: string;
}

export class ExternalBroker implements PushSink {
  private constructor(
    readonly url: string,
    private readonly client: MqttClient,
  ) {}

  static async connect(options: ExternalBrokerOptions): Promise<ExternalBroker> {
    const client = await connectAsync(options.url, {
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      clientId: options.clientId ?? 'thinq-sandbox-publisher',
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 1000,
    });
    return new ExternalBroker(options.url, client);
  }

  async publish(topic: string, payload: string): Promise<void> {
    await this.client.publishAsync(topic, payload, { qos: 1 });
  }

  disconnect(): void {
    // An external broker is not ours to manage: a revoked client keeps its connection there.
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}
