import { AppConfig } from '../../config/app-config';
import { loadConfig } from '../../config/config.loader';
import { Clock } from '../../common/clock';
import { MemoryMessageBus } from '../../near-cache/message-bus';
import { nearCacheForTests } from '../../near-cache/near-cache.testing';
import { MemoryKeyValueStore } from '../../redis/memory-key-value.store';
import { CredentialVault } from '../crypto/credential-vault';
import { Principal } from '../../common/access/principal';
import { SessionKeys } from '../session/session.keys';
import { SessionService } from '../session/session.service';
import { LinkedAccounts } from './linked-accounts.service';

describe('LinkedAccounts', () => {
  let store: MemoryKeyValueStore;
  let vault: CredentialVault;
  let links: LinkedAccounts;
  const user = (sid: string): Principal => ({
    kind: 'user',
    sid,
    sub: `lux:${sid}`,
    scopes: [],
    jti: sid,
    exp: 2_000_000_000,
  });

  beforeEach(async () => {
    const config: AppConfig = loadConfig({
      GATEWAY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    });
    store = new MemoryKeyValueStore();
    vault = new CredentialVault(config);
    const near = await nearCacheForTests();
    links = new LinkedAccounts(
      store,
      vault,
      new SessionService(store, config, new Clock(), vault, near),
      near,
    );
    for (const sid of ['a', 'b']) await store.set(SessionKeys.session(sid), '{}');
  });

  it('keeps the ThinQ token sealed in the store and reads it back', async () => {
    await links.saveThinq(user('a'), 'thinq-secret-token', 'KR', 0);
    const raw = await store.get(SessionKeys.userLink('lux:a', 'thinq'));
    expect(raw).toEqual(expect.any(String));
    expect(raw).not.toContain('thinq-secret-token');
    expect(await links.thinq(user('a'))).toEqual({
      accessToken: 'thinq-secret-token',
      countryCode: 'KR',
      linkedAt: 0,
      owner: 'lux:a',
    });
  });

  it('sees a new token and an unlink at once, even after the old value was opened', async () => {
    await links.saveThinq(user('a'), 'first', 'KR', 0);
    expect((await links.thinq(user('a'))).accessToken).toBe('first');
    await links.saveThinq(user('a'), 'second', 'US', 5);
    expect(await links.thinq(user('a'))).toEqual({
      accessToken: 'second',
      countryCode: 'US',
      linkedAt: 5,
      owner: 'lux:a',
    });
    await links.remove(user('a'), 'thinq');
    await expect(links.thinq(user('a'))).rejects.toMatchObject({ code: 'ACCOUNT_NOT_LINKED' });
  });

  it('does not open a sealed value copied under another user, even one opened before', async () => {
    await links.saveThinq(user('a'), 'token-of-a', 'KR', 0);
    expect((await links.thinq(user('a'))).accessToken).toBe('token-of-a');
    const sealed = await store.get(SessionKeys.userLink('lux:a', 'thinq'));
    await store.set(SessionKeys.userLink('lux:b', 'thinq'), sealed as string);
    await expect(links.thinq(user('b'))).rejects.toMatchObject({ code: 'ACCOUNT_NOT_LINKED' });
  });

  it('serves every session of the user; ending one keeps the link', async () => {
    const other: Principal = { ...user('b'), sub: 'lux:a' };
    await links.saveThinq(user('a'), 'shared', 'KR', 0);
    expect((await links.thinq(other)).accessToken).toBe('shared');
    await new SessionService(
      store,
      loadConfig({}),
      new Clock(),
      vault,
      await nearCacheForTests(),
    ).end('a');
    expect((await links.thinq(other)).accessToken).toBe('shared');
  });

  it('drops the link ThinQ refused, but not a newer one', async () => {
    await links.saveThinq(user('a'), 'refused', 'KR', 0);
    await links.saveThinq(user('a'), 'newer', 'KR', 1);
    await links.dropThinq('lux:a', 'refused');
    expect((await links.thinq(user('a'))).accessToken).toBe('newer');
    await links.dropThinq('lux:a', 'newer');
    await expect(links.thinq(user('a'))).rejects.toMatchObject({ code: 'ACCOUNT_NOT_LINKED' });
  });
});

describe('LinkedAccounts.nueyneRef', () => {
  it('keeps Lux and a Legacy sign-in with the session, and a Lux user\u2019s Legacy link with the user', () => {
    const links = new LinkedAccounts(
      undefined as never,
      undefined as never,
      undefined as never,
      undefined as never,
    );
    const principal = (sub: string): Principal => ({
      kind: 'user',
      sid: 's1',
      sub,
      scopes: [],
      jti: 'j',
      exp: 2_000_000_000,
    });
    expect(links.nueyneRef(principal('lux:7'), 'lux')).toEqual({
      key: 'sess:{s1}:link:lux',
      scope: 's1',
      sid: 's1',
    });
    expect(links.nueyneRef(principal('legacy:7'), 'legacy')).toEqual({
      key: 'sess:{s1}:link:legacy',
      scope: 's1',
      sid: 's1',
    });
    expect(links.nueyneRef(principal('lux:7'), 'legacy')).toEqual({
      key: 'user:{lux:7}:link:legacy',
      scope: 'lux:7',
    });
    expect(links.nueyneRefreshLock(links.nueyneRef(principal('lux:7'), 'legacy'), 'legacy')).toBe(
      'lock:{lux:7}:nueyne-refresh:legacy',
    );
    expect(SessionKeys.userOf('user:{lux:7}:link:thinq')).toBe('lux:7');
    expect(SessionKeys.sessionOf('user:{lux:7}:link:thinq')).toBeUndefined();
  });
});

describe('LinkedAccounts on two instances', () => {
  it('a new token or an unlink on one instance shows on the other, which remembered the old one', async () => {
    const config: AppConfig = loadConfig({
      GATEWAY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    });
    const store = new MemoryKeyValueStore();
    const bus = new MemoryMessageBus();
    const vault = new CredentialVault(config);
    const instance = async () => {
      // Long enough that only the invalidation message explains what the other instance sees.
      const near = await nearCacheForTests({ bus, maxAgeMs: 60_000 });
      return new LinkedAccounts(
        store,
        vault,
        new SessionService(store, config, new Clock(), vault, near),
        near,
      );
    };
    const [a, b] = [await instance(), await instance()];
    const principal: Principal = {
      kind: 'user',
      sid: 's',
      sub: 'lux:s',
      scopes: [],
      jti: 's',
      exp: 2_000_000_000,
    };
    await store.set(SessionKeys.session('s'), '{}');
    await a.saveThinq(principal, 'first', 'KR', 0);
    expect((await b.thinq(principal)).accessToken).toBe('first');
    const get = jest.spyOn(store, 'get');
    expect((await b.thinq(principal)).accessToken).toBe('first');
    expect(get).not.toHaveBeenCalled();
    await a.saveThinq(principal, 'second', 'US', 0);
    expect(await b.thinq(principal)).toEqual({
      accessToken: 'second',
      countryCode: 'US',
      linkedAt: 0,
      owner: 'lux:s',
    });
    await a.remove(principal, 'thinq');
    await expect(b.thinq(principal)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_LINKED' });
  });
});
