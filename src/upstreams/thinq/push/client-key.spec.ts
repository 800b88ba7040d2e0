import { Pkcs10CertificateRequest } from '@peculiar/x509';
import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { newClientKey } from './client-key';

describe('newClientKey', () => {
  it('makes an RSA 2048 key and a CSR for it: CN=lg_thinq, SHA-256, base64 DER without armour', async () => {
    const { keyPem, csr } = await newClientKey();
    expect(csr).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(csr).not.toContain('BEGIN');
    const request = new Pkcs10CertificateRequest(Buffer.from(csr, 'base64'));
    expect(request.subject).toBe('CN=lg_thinq');
    expect(request.signatureAlgorithm).toMatchObject({
      name: 'RSASSA-PKCS1-v1_5',
      hash: { name: 'SHA-256' },
    });
    expect(await request.verify(webcrypto)).toBe(true);

    const key = createPrivateKey(keyPem);
    expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    // The CSR is for this key.
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    expect(Buffer.from(request.publicKey.rawData).equals(spki)).toBe(true);
  });

  it('makes a new key every time', async () => {
    const [a, b] = await Promise.all([newClientKey(), newClientKey()]);
    expect(a.keyPem).not.toBe(b.keyPem);
  });
});
