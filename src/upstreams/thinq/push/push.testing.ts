import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  Pkcs10CertificateRequest,
  SubjectAlternativeNameExtension,
  X509Certificate,
  X509CertificateGenerator,
} from '@peculiar/x509';
import { Clock } from '../../../common/clock';
import { AppConfig } from '../../../config/app-config';
import { MetricsService } from '../../../metrics/metrics.service';
import { MemoryKeyValueStore } from '../../../redis/memory-key-value.store';
import { UpstreamEndpoints } from '../../http/upstream-endpoints';
import { UpstreamHttpFactory } from '../../http/upstream-http.factory';
import { UpstreamRequest, UpstreamResponse } from '../../http/upstream-http.types';
import { ThinqBudget } from '../thinq-budget';
import { ThinqClient } from '../thinq.client';
import { ThinqHttp } from '../thinq.http';

/** Test certificates (made with @peculiar/x509 over Node's WebCrypto): a CA and what it signs. */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const crypto = webcrypto;
const DAY = 24 * 60 * 60 * 1000;
let serial = 1;

export interface TestCa {
  certPem: string;
  cert: X509Certificate;
  keys: webcrypto.CryptoKeyPair;
}

async function pemOf(key: webcrypto.CryptoKey): Promise<string> {
  return PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

function serialNumber(): string {
  serial += 1;
  return serial.toString(16).padStart(2, '0');
}

export async function newTestCa(name = 'Junction Test CA'): Promise<TestCa> {
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const cert = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serialNumber(),
      name: `CN=${name}`,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + DAY),
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new BasicConstraintsExtension(true, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      ],
    },
    crypto,
  );
  return { cert, certPem: cert.toString('pem'), keys };
}

/** A server certificate for localhost and 127.0.0.1, with its key. */
export async function newServerCertificate(
  ca: TestCa,
): Promise<{ certPem: string; keyPem: string }> {
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const cert = await X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: 'CN=localhost',
      issuer: ca.cert.subject,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + DAY),
      publicKey: keys.publicKey,
      signingKey: ca.keys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new SubjectAlternativeNameExtension([
          { type: 'dns', value: 'localhost' },
          { type: 'ip', value: '127.0.0.1' },
        ]),
        new ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.1']),
      ],
    },
    crypto,
  );
  return { certPem: cert.toString('pem'), keyPem: await pemOf(keys.privateKey) };
}

/** A client certificate for a CSR as client/certificate receives it (base64 DER), or a new key. */
export async function signClientCertificate(
  ca: TestCa,
  csrBase64?: string,
  lifetimeMs = DAY,
): Promise<{ certPem: string; keyPem?: string }> {
  let publicKey: webcrypto.CryptoKey | Pkcs10CertificateRequest['publicKey'];
  let subject = 'CN=test-publisher';
  let keyPem: string | undefined;
  if (csrBase64 !== undefined) {
    const request = new Pkcs10CertificateRequest(Buffer.from(csrBase64, 'base64'));
    if (!(await request.verify(crypto))) throw new Error('CSR signature does not verify');
    publicKey = request.publicKey;
    subject = request.subject;
  } else {
    const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    publicKey = keys.publicKey;
    keyPem = await pemOf(keys.privateKey);
  }
  const cert = await X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject,
      issuer: ca.cert.subject,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + lifetimeMs),
      publicKey,
      signingKey: ca.keys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions: [new ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.2'])],
    },
    crypto,
  );
  return { certPem: cert.toString('pem'), keyPem };
}

/** A ThinqClient whose HTTP calls `answer` serves (the pattern of thinq.client.spec.ts). */
export function thinqClientWith(
  answer: (request: UpstreamRequest) => UpstreamResponse | Promise<UpstreamResponse>,
  budget = 1000,
) {
  const config = {
    thinq: {
      serviceId: 'svc-id',
      serviceKey: 'svc-key',
      timeouts: { connectMs: 1000, totalMs: 1000 },
      hourlyCallBudget: budget,
      commandReserve: 1,
    },
  } as AppConfig;
  const sent: UpstreamRequest[] = [];
  const factory = {
    create: () => ({
      request: async (request: UpstreamRequest) => {
        sent.push(request);
        return answer(request);
      },
    }),
  } as unknown as UpstreamHttpFactory;
  const endpoints = new UpstreamEndpoints('http://n', 'http://i', 'http://thinq', {
    nueyne: false,
    thinq: false,
    interwater: false,
  });
  const thinqBudget = new ThinqBudget(
    new MemoryKeyValueStore(),
    config,
    new Clock(),
    new MetricsService(),
  );
  const client = new ThinqClient(new ThinqHttp(factory, endpoints, config), config, thinqBudget);
  return { client, sent, budget: thinqBudget };
}

export const ok = (response: unknown): UpstreamResponse => ({
  status: 200,
  headers: {},
  body: { messageId: 'x', responseCode: '0000', response, statusCode: 200 },
});

export const failure = (status: number, code: string): UpstreamResponse => ({
  status,
  headers: {},
  body: {
    messageId: 'x',
    responseCode: code,
    response: { error: { code, message: 'LG says no' } },
  },
});

/**
 * ThinQ's push routes as the tests need them: the route to `mqttServer`, clients, certificates
 * signed by `ca` for the CSR, event and push subscriptions (only for `reportable` devices).
 */
export class FakeThinqPushVendor {
  readonly clients = new Set<string>();
  readonly events = new Map<string, number>();
  readonly pushes = new Set<string>();
  readonly deviceLists = new Set<string>();
  readonly certificates: string[] = [];
  /** Signs the next certificate only with this CA instead (one the broker does not trust). */
  signNextWith?: TestCa;

  constructor(
    private readonly ca: TestCa,
    public mqttServer: string,
    readonly reportable = new Set<string>(),
  ) {}

  readonly handle = async (request: UpstreamRequest): Promise<UpstreamResponse> => {
    const clientId = request.headers?.['x-client-id'] ?? '';
    const deviceId = decodeURIComponent(request.path.split('/')[3] ?? '');
    const body = (request.json ?? {}) as Record<string, unknown>;
    switch (request.route) {
      case 'GET /v2/route':
        return ok({ apiServer: 'http://thinq', mqttServer: this.mqttServer });
      case 'POST /v2/client':
        this.clients.add(clientId);
        return ok({});
      case 'DELETE /v2/client':
        this.clients.delete(clientId);
        return ok({});
      case 'POST /v2/push/devices':
        if (this.deviceLists.has(clientId)) return failure(404, '1207');
        this.deviceLists.add(clientId);
        return ok({});
      case 'POST /v2/client/certificate': {
        if (!this.clients.has(clientId)) return failure(400, '1000');
        const signer = this.signNextWith ?? this.ca;
        this.signNextWith = undefined;
        const { certPem } = await signClientCertificate(signer, body.csr as string);
        this.certificates.push(certPem);
        return ok({
          resultCode: '0000',
          result: { certificatePem: certPem, subscriptions: [`app/clients/${clientId}/push`] },
        });
      }
      case 'POST /v2/event/:deviceId/subscribe':
        if (!this.reportable.has(deviceId)) return failure(404, '1214');
        this.events.set(deviceId, (body.expire as { timer: number }).timer);
        return ok({});
      case 'DELETE /v2/event/:deviceId/unsubscribe':
        if (!this.events.delete(deviceId)) return failure(404, '1204');
        return ok({});
      case 'POST /v2/push/:deviceId/subscribe':
        if (!this.reportable.has(deviceId)) return failure(404, '1214');
        if (this.pushes.has(deviceId)) return failure(404, '1207');
        this.pushes.add(deviceId);
        return ok({});
      case 'DELETE /v2/push/:deviceId/unsubscribe':
        if (!this.pushes.delete(deviceId)) return failure(404, '1206');
        return ok({});
      default:
        return failure(404, '1000');
    }
  };

  /** Calls made, by route. */
  count(sent: UpstreamRequest[], route: string): number {
    return sent.filter((request) => request.route === route).length;
  }
}
