import 'reflect-metadata'; // @peculiar/x509's tsyringe needs it before its first import
import { randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
const EC_KEY: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const EC_SIGNING = { name: 'ECDSA', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;

/** A certificate and its private key, both PEM. */
export interface PemPair {
  certPem: string;
  keyPem: string;
}

/** A CSR the CA will not sign; the message says why (for the vendor's error text). */
export class InvalidCsrError extends Error {}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function serial(): string {
  // 16 bytes, positive and with no leading zero byte (so every parser prints all 32 digits).
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x3f) | 0x40;
  return bytes.toString('hex').toUpperCase();
}

/** Which CSR keys the CA signs: AWS IoT's (RSA 2048 or more, EC P-256 or P-384). */
function checkCsrKey(algorithm: webcrypto.KeyAlgorithm): void {
  if (algorithm.name === 'RSASSA-PKCS1-v1_5' || algorithm.name === 'RSA-PSS') {
    const bits = (algorithm as webcrypto.RsaHashedKeyAlgorithm).modulusLength;
    if (bits < 2048) throw new InvalidCsrError(`an RSA key of ${bits} bits (2048 or more)`);
    return;
  }
  if (algorithm.name === 'ECDSA') {
    const curve = (algorithm as webcrypto.EcKeyAlgorithm).namedCurve;
    if (curve !== 'P-256' && curve !== 'P-384') {
      throw new InvalidCsrError(`an EC key on ${curve} (P-256 or P-384)`);
    }
    return;
  }
  throw new InvalidCsrError(`a ${algorithm.name} key (RSA or EC)`);
}

/**
 * The sandbox's certificate authority (generated at start with @peculiar/x509 over Node's
 * WebCrypto, never stored): it signs the ThinQ clients' CSRs, the broker's server certificate
 * and, in tests, the publisher's certificate for an external broker.
 */
export class SandboxCa {
  private constructor(
    readonly certPem: string,
    private readonly cert: x509.X509Certificate,
    private readonly keys: CryptoKeyPair,
    private readonly now: () => number,
  ) {}

  static async create(name = 'Junction sandbox ThinQ CA', now = Date.now): Promise<SandboxCa> {
    const keys = await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: `CN=${name}`,
      notBefore: new Date(now() - DAY_MS),
      notAfter: new Date(now() + 3650 * DAY_MS),
      keys,
      signingAlgorithm: EC_SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false),
      ],
    });
    return new SandboxCa(cert.toString('pem'), cert, keys, now);
  }

  /** The CA's private key, PEM (a test that runs its own broker signs with the same CA). */
  keyPem(): Promise<string> {
    return keyPem(this.keys.privateKey);
  }

  private async sign(
    subject: string,
    publicKey: x509.PublicKeyType,
    extensions: x509.Extension[],
  ): Promise<x509.X509Certificate> {
    return x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject,
      issuer: this.cert.subject,
      notBefore: new Date(this.now() - DAY_MS),
      notAfter: new Date(this.now() + 365 * DAY_MS),
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- x509 types keys as the DOM's CryptoKey (no DOM lib here): Node's is the same
      publicKey,
      signingKey: this.keys.privateKey,
      signingAlgorithm: EC_SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        await x509.AuthorityKeyIdentifierExtension.create(this.keys.publicKey, false),
        ...extensions,
      ],
    });
  }

  /** A TLS server certificate (new key) valid for the given host names and IP addresses. */
  async issueServer(hosts: string[]): Promise<PemPair> {
    const keys = await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
    const names = [...new Set(hosts)].map((host) =>
      isIP(host) ? { type: 'ip' as const, value: host } : { type: 'dns' as const, value: host },
    );
    const cert = await this.sign(`CN=${hosts[0] ?? 'localhost'}`, keys.publicKey, [
      new x509.SubjectAlternativeNameExtension(names),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ]);
    return { certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
  }

  /** A TLS client certificate with a new key, for `commonName` (e.g. a broker's publisher). */
  async issueClientPair(commonName: string): Promise<PemPair> {
    const keys = await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
    const cert = await this.clientCert(commonName, keys.publicKey);
    return { certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
  }

  private clientCert(commonName: string, publicKey: x509.PublicKeyType) {
    return this.sign(`CN=${commonName}`, publicKey, [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ]);
  }

  /**
   * Signs a CSR sent as ThinQ's SDK sends it: base64 of the DER (the PEM body without its
   * header lines and newlines). Checks the encoding, the CSR's own signature and its key;
   * throws InvalidCsrError otherwise. Returns the certificate (PEM) and its serial number.
   */
  async signCsr(csr: string, commonName: string): Promise<{ certPem: string; serial: string }> {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(csr) || csr.length % 4 !== 0) {
      throw new InvalidCsrError(
        'csr must be the base64 of a DER PKCS#10 request (no PEM header lines, no line breaks)',
      );
    }
    let request: x509.Pkcs10CertificateRequest;
    try {
      request = new x509.Pkcs10CertificateRequest(Buffer.from(csr, 'base64'));
    } catch {
      throw new InvalidCsrError('csr is not a DER PKCS#10 certificate request');
    }
    let valid = false;
    try {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- x509 types it as the DOM's Algorithm (no DOM lib here)
      checkCsrKey(request.publicKey.algorithm);
      valid = await request.verify();
    } catch (error) {
      if (error instanceof InvalidCsrError) {
        throw new InvalidCsrError(`csr has ${error.message}`);
      }
    }
    if (!valid) throw new InvalidCsrError("csr's signature does not verify with its key");
    const cert = await this.clientCert(commonName, request.publicKey);
    return { certPem: cert.toString('pem'), serial: cert.serialNumber.toUpperCase() };
  }
}
