import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { CredentialVault } from '../../../auth/crypto/credential-vault';
import { Clock } from '../../../common/clock';
import { backgroundContext } from '../../../common/context/request-context';
import { AppConfig } from '../../../config/app-config';
import { DistributedLock } from '../../../redis/distributed-lock';
import { MemoryKeyValueStore } from '../../../redis/memory-key-value.store';
import { ThinqPushCredentialStore } from './push-credentials';
import { thinqAccountKey, thinqPushClientId } from './push-identity';
import { FakeThinqPushVendor, newTestCa, thinqClientWith } from './push.testing';
import { ThinqPushApi } from './thinq-push.api';

const ctx = backgroundContext();
const account = { accessToken: 'tok-1', countryCode: 'KR', owner: 'user-1' };

class MovableClock extends Clock {
  offsetMs = 0;
  override now(): number {
    return Date.now() + this.offsetMs;
  }
}

async function setup() {
  const ca = await newTestCa();
  const vendor = new FakeThinqPushVendor(ca, 'mqtts://127.0.0.1:8883');
  const { client, sent } = thinqClientWith(vendor.handle);
  const store = new MemoryKeyValueStore();
  const vault = new CredentialVault({ auth: { encryptionKey: randomBytes(32) } } as AppConfig);
  const clock = new MovableClock();
  /** One gateway instance: its own objects over the shared store and key. */
  const instance = () =>
    new ThinqPushCredentialStore(
      new ThinqPushApi(client),
      store,
      vault,
      new DistributedLock(store),
      clock,
    );
  return { vendor, sent, store, instance, clock };
}

describe('ThinqPushCredentialStore', () => {
  it('registers the account once: route, client, device list, certificate for its own CSR', async () => {
    const { vendor, sent, instance } = await setup();
    const credentials = await instance().ensure(ctx, account);
    expect(sent.map((request) => request.route)).toEqual([
      'GET /v2/route',
      'POST /v2/client',
      'POST /v2/push/devices',
      'POST /v2/client/certificate',
    ]);
    expect(credentials.clientId).toBe(thinqPushClientId(account));
    expect(credentials.topic).toBe(`app/clients/${credentials.clientId}/push`);
    expect(credentials.server).toEqual({
      url: 'mqtts://127.0.0.1:8883',
      host: '127.0.0.1',
      port: 8883,
    });
    // The certificate is for the stored key.
    expect(
      new X509Certificate(credentials.certificatePem).checkPrivateKey(
        createPrivateKey(credentials.keyPem),
      ),
    ).toBe(true);
    expect(vendor.clients).toEqual(new Set([credentials.clientId]));

    // Another instance (and this one again) reuses it: no call.
    expect(await instance().ensure(ctx, account)).toEqual(credentials);
    expect(await instance().ensure(ctx, { ...account, owner: 'someone' })).toEqual(credentials);
    expect(sent).toHaveLength(4);
  });

  it('registers once when several instances ask at the same time', async () => {
    const { sent, instance } = await setup();
    const all = await Promise.all([1, 2, 3, 4].map(() => instance().ensure(ctx, account)));
    expect(new Set(all.map((credentials) => credentials.certificatePem)).size).toBe(1);
    expect(sent.filter((request) => request.route === 'POST /v2/client/certificate')).toHaveLength(
      1,
    );
  });

  it('keeps the key and certificate sealed, bound to their key', async () => {
    const { store, instance } = await setup();
    const credentials = await instance().ensure(ctx, account);
    const key = `thinq-push-client:${thinqAccountKey(account)}`;
    const raw = (await store.get(key))!;
    expect(raw).toMatch(/^v1\./);
    const pemBody = (pem: string) => pem.split('\n')[1];
    for (const secret of [credentials.keyPem, credentials.certificatePem]) {
      expect(raw).not.toContain(pemBody(secret));
    }
    expect(raw).not.toContain('PRIVATE KEY');
    // Under another key it does not open: the account's record cannot be replayed for another.
    const other = { accessToken: 'tok-2', countryCode: 'KR' };
    await store.set(`thinq-push-client:${thinqAccountKey(other)}`, raw);
    expect(await instance().load(other)).toBeUndefined();
  });

  it('gives each account (token and country) its own client', async () => {
    const { instance } = await setup();
    const a = await instance().ensure(ctx, account);
    const b = await instance().ensure(ctx, { accessToken: 'tok-1', countryCode: 'US' });
    expect(a.clientId).not.toBe(b.clientId);
    expect(a.clientId).toMatch(/^junction-[0-9a-f]{32}$/);
  });

  it('replaces a certificate the broker refused, once for every instance', async () => {
    const { sent, instance } = await setup();
    const first = await instance().ensure(ctx, account);
    const [a, b] = await Promise.all([
      instance().replace(ctx, account, first),
      instance().replace(ctx, account, first),
    ]);
    expect(a.certificatePem).not.toBe(first.certificatePem);
    expect(b).toEqual(a);
    expect(a.keyPem).not.toBe(first.keyPem);
    expect(a.clientId).toBe(first.clientId);
    expect(sent.filter((request) => request.route === 'POST /v2/client/certificate')).toHaveLength(
      2,
    );
    expect(await instance().ensure(ctx, account)).toEqual(a);
  });

  it('registers again when the certificate is about to end', async () => {
    const { sent, instance, clock } = await setup();
    const first = await instance().ensure(ctx, account);
    clock.offsetMs = first.notAfter - Date.now() - 30 * 60 * 1000;
    const next = await instance().ensure(ctx, account);
    expect(next.certificatePem).not.toBe(first.certificatePem);
    expect(sent).toHaveLength(8);
  });
});
