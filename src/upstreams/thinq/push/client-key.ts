// @peculiar/x509 (through tsyringe) needs the Reflect polyfill loaded before it.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { Pkcs10CertificateRequestGenerator, PemConverter } from '@peculiar/x509';

/** The subject LG's SDKs put in the CSR. */
export const CSR_SUBJECT = 'CN=lg_thinq';

/** RSA 2048 with SHA-256 (AWS IoT Core, where LG's broker lives, takes it). */
const ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

/** A new client key and the request for its certificate. */
export interface ThinqClientKey {
  /** PKCS#8 PEM: the TLS client key; secret (sealed in Redis, never logged). */
  keyPem: string;
  /** The PKCS#10 request as client/certificate takes it: base64 DER, no armour, no newlines. */
  csr: string;
}

/**
 * An RSA 2048 key made with Node's WebCrypto and a PKCS#10 request for it (subject `CN=lg_thinq`,
 * signed SHA-256) made with @peculiar/x509: what LG's Python SDK sends, built without hand-written
 * ASN.1.
 */
export async function newClientKey(): Promise<ThinqClientKey> {
  const crypto = webcrypto;
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const request = await Pkcs10CertificateRequestGenerator.create(
    { name: CSR_SUBJECT, keys, signingAlgorithm: ALGORITHM },
    crypto,
  );
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    keyPem: PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    csr: Buffer.from(request.rawData).toString('base64'),
  };
}
