import { Injectable, Logger } from '@nestjs/common';
import { CredentialVault } from '../../../auth/crypto/credential-vault';
import { Clock } from '../../../common/clock';
import { RequestContext } from '../../../common/context/request-context';
import { isObject } from '../../../common/is-object';
import { DistributedLock } from '../../../redis/distributed-lock';
import { KeyValueStore } from '../../../redis/key-value.store';
import type { ThinqAccount } from '../thinq.client';
import { newClientKey } from './client-key';
import { thinqAccountKey, thinqPushClientId } from './push-identity';
import { ThinqMqttServer, ThinqPushApi } from './thinq-push.api';

/** What the account's push client connects with. Secret: the key (and the certificate with it). */
export interface ThinqPushCredentials {
  clientId: string;
  server: ThinqMqttServer;
  /** PKCS#8 PEM. */
  keyPem: string;
  certificatePem: string;
  topic: string;
  /** When the certificate ends (epoch ms). */
  notAfter: number;
}

/** Kept at most this long; a registration that lapses is simply made again (four calls). */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;
/** A certificate this close to its end is replaced before use. */
const EXPIRY_MARGIN_MS = 60 * 60 * 1000;
/** One instance registers an account; the others wait this long for it. */
const LOCK = { ttlMs: 60_000, waitMs: 60_000, pollMs: 100 };

function parse(text: string | undefined): ThinqPushCredentials | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!isObject(value)) return undefined;
    const { clientId, server, keyPem, certificatePem, topic, notAfter } = value;
    const strings = [clientId, keyPem, certificatePem, topic].every((v) => typeof v === 'string');
    if (!strings || typeof notAfter !== 'number' || !isObject(server)) return undefined;
    return value as unknown as ThinqPushCredentials;
  } catch {
    return undefined;
  }
}

/**
 * The account's push client at ThinQ, registered once and shared by every instance: its id
 * (stable per account), broker, RSA key, certificate and topic, kept in the store sealed with
 * the credential vault (bound to its key) so an instance that takes the account's session over
 * connects as the same client, to the same persistent session. Registering is GET route,
 * POST client, POST push/devices (device list messages), then a new key and CSR and POST
 * client/certificate, by one instance at a time (a lease per account). A certificate the broker
 * refuses, or one near its end, is replaced the same way.
 */
@Injectable()
export class ThinqPushCredentialStore {
  private readonly logger = new Logger('ThinqPush');

  constructor(
    private readonly api: ThinqPushApi,
    private readonly store: KeyValueStore,
    private readonly vault: CredentialVault,
    private readonly lock: DistributedLock,
    private readonly clock: Clock,
  ) {}

  /** The account's registered client, registering it first when there is none (or it ended). */
  ensure(ctx: RequestContext, account: ThinqAccount): Promise<ThinqPushCredentials> {
    return this.registerUnless(ctx, account, (found) => this.usable(found));
  }

  /**
   * The broker refused `refused` (an expired or revoked certificate): a new certificate, unless
   * another instance already replaced it.
   */
  replace(
    ctx: RequestContext,
    account: ThinqAccount,
    refused: ThinqPushCredentials,
  ): Promise<ThinqPushCredentials> {
    return this.registerUnless(
      ctx,
      account,
      (found) => this.usable(found) && found.certificatePem !== refused.certificatePem,
    );
  }

  /** The stored client, if any (opened with the vault). */
  async load(account: ThinqAccount): Promise<ThinqPushCredentials | undefined> {
    const key = this.key(account);
    const sealed = await this.store.get(key);
    if (sealed === null) return undefined;
    return parse(this.vault.open(sealed, key));
  }

  private async registerUnless(
    ctx: RequestContext,
    account: ThinqAccount,
    good: (found: ThinqPushCredentials) => boolean,
  ): Promise<ThinqPushCredentials> {
    const ready = async () => {
      const found = await this.load(account);
      return found && good(found) ? found : undefined;
    };
    const now = await ready();
    if (now) return now;
    return this.lock.runExclusive(
      `thinq-push-register:${thinqAccountKey(account)}`,
      LOCK,
      ready,
      () => this.register(ctx, account),
    );
  }

  private usable(found: ThinqPushCredentials): boolean {
    return found.notAfter - EXPIRY_MARGIN_MS > this.clock.now();
  }

  private async register(
    ctx: RequestContext,
    account: ThinqAccount,
  ): Promise<ThinqPushCredentials> {
    const clientId = thinqPushClientId(account);
    const server = await this.api.mqttServer(ctx, account, clientId);
    await this.api.register(ctx, account, clientId);
    await this.api.subscribeDeviceList(ctx, account, clientId);
    const { keyPem, csr } = await newClientKey();
    const issued = await this.api.issueCertificate(ctx, account, clientId, csr);
    const credentials: ThinqPushCredentials = { clientId, server, keyPem, ...issued };
    const key = this.key(account);
    const ttlMs = Math.min(KEEP_MS, credentials.notAfter - this.clock.now());
    await this.store.set(key, this.vault.seal(JSON.stringify(credentials), key), {
      ttlMs: Math.max(1000, ttlMs),
    });
    this.logger.log({
      msg: 'thinq push client registered',
      account: thinqAccountKey(account).slice(0, 8),
      broker: server.host,
    });
    return credentials;
  }

  private key(account: ThinqAccount): string {
    return `thinq-push-client:${thinqAccountKey(account)}`;
  }
}
