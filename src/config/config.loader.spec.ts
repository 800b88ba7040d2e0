import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newTestCa } from '../upstreams/thinq/push/push.testing';
import { loadConfig } from './config.loader';
import { ConfigError } from './parse';

const pkcs8 = (key: { export(options: { type: 'pkcs8'; format: 'pem' }): string | Buffer }) =>
  key.export({ type: 'pkcs8', format: 'pem' }).toString();
const P256 = pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
const P384 = pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey);
const ED25519 = pkcs8(generateKeyPairSync('ed25519').privateKey);
const ED448 = pkcs8(generateKeyPairSync('ed448').privateKey);
const RSA_1024 = pkcs8(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey);
const X25519 = pkcs8(generateKeyPairSync('x25519').privateKey);
const GARBAGE =
  '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----';

const fails = (env: Record<string, string>, variable: string, message: RegExp) => {
  let error: unknown;
  try {
    loadConfig(env);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).variable).toBe(variable);
  expect((error as ConfigError).message).toMatch(message);
  expect((error as ConfigError).message.split('\n')).toHaveLength(1);
};

describe('loadConfig', () => {
  it('runs the sandbox on an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.redis.url).toBeUndefined();
    expect(config.nueyne.baseUrl).toBeUndefined();
    expect(config.nueyne.timezone).toBe('UTC');
    expect(config.sandbox.enabled).toBe(true);
    // The README's demo service client, in the sandbox only.
    expect(config.auth.clients).toEqual([
      {
        id: 'reports',
        secret: 'reports-secret-0123456789',
        scopes: ['conference:read', 'conference:admin'],
      },
    ]);
    expect(config.rateLimits.default).toEqual({ limit: 600, windowSeconds: 60 });
  });

  it('adds the demo client only when every upstream is simulated, and lets GATEWAY_CLIENTS redefine it', () => {
    const own = '[{"id":"billing","secret":"0123456789abcdef","scopes":["conference:read"]}]';
    expect(loadConfig({ GATEWAY_CLIENTS: own }).auth.clients.map((c) => c.id)).toEqual([
      'billing',
      'reports',
    ]);
    const mine = '[{"id":"reports","secret":"fedcba9876543210","scopes":["conference:read"]}]';
    expect(loadConfig({ GATEWAY_CLIENTS: mine }).auth.clients).toEqual([
      { id: 'reports', secret: 'fedcba9876543210', scopes: ['conference:read'] },
    ]);
    const realInterwater = loadConfig({ INTERWATER_BASE_URL: 'https://api.interwater.biz' });
    expect(realInterwater.sandbox.enabled).toBe(false);
    expect(realInterwater.auth.clients).toEqual([]);
  });

  it('keeps the demo client with an upstream on the standalone sandbox, and says why when it leaves it out', () => {
    // `npm run sandbox` listens on 127.0.0.1: pointing one upstream at it keeps `reports`.
    for (const env of [
      { NUEYNE_BASE_URL: 'http://127.0.0.1:4010' },
      { THINQ_BASE_URL: 'http://localhost:4020' },
      { INTERWATER_BASE_URL: 'http://[::1]:4030' },
    ]) {
      const config = loadConfig(env);
      expect(config.sandbox.enabled).toBe(false);
      expect(config.auth.clients.map((c) => c.id)).toEqual(['reports']);
      expect(config.sandbox.demoClient).toBe(true);
      expect(config.sandbox.demoClientOmitted).toBeUndefined();
    }
    // A real upstream, or real Interwater credentials: left out, and the start can say why.
    const real = loadConfig({ NUEYNE_BASE_URL: 'https://app.nueyne.dev' });
    expect(real.auth.clients).toEqual([]);
    expect(real.sandbox.demoClientOmitted).toBe(
      "The sandbox's demo client `reports` is not added: NUEYNE_BASE_URL is not a simulator (neither unset nor a loopback host). Define it in GATEWAY_CLIENTS to use it.",
    );
    const keyed = loadConfig({
      INTERWATER_BASE_URL: 'http://127.0.0.1:4030',
      INTERWATER_ACCESS_KEY: 'a-real-key',
    });
    expect(keyed.auth.clients).toEqual([]);
    expect(keyed.sandbox.demoClientOmitted).toMatch(/INTERWATER_ACCESS_KEY is set/);
    // Defined by GATEWAY_CLIENTS: nothing to say.
    const mine = '[{"id":"reports","secret":"fedcba9876543210","scopes":["conference:read"]}]';
    expect(
      loadConfig({ NUEYNE_BASE_URL: 'https://app.nueyne.dev', GATEWAY_CLIENTS: mine }).sandbox
        .demoClientOmitted,
    ).toBeUndefined();
  });

  it('reads the contract variables', () => {
    const config = loadConfig({
      PORT: '8080',
      REDIS_URL: 'redis://cache:6379',
      NUEYNE_BASE_URL: 'https://app.nueyne.dev/',
      NUEYNE_TIMEZONE: 'Asia/Seoul',
      THINQ_BASE_URL: 'https://{region}-connect.lgthinq.com',
      GATEWAY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      GATEWAY_CLIENTS:
        '[{"id":"reports","secret":"0123456789abcdef","scopes":["conference:read"]}]',
    });
    expect(config.port).toBe(8080);
    expect(config.nueyne.baseUrl).toBe('https://app.nueyne.dev');
    expect(config.thinq.baseUrl).toBe('https://{region}-connect.lgthinq.com');
    expect(config.auth.encryptionKey).toHaveLength(32);
    expect(config.sandbox.enabled).toBe(false);
    // Not the sandbox (an upstream is real): the configured clients only, no published demo secret.
    expect(config.auth.clients).toEqual([
      { id: 'reports', secret: '0123456789abcdef', scopes: ['conference:read'] },
    ]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', /whole number/],
    [{ PORT: '70000' }, 'PORT', /between 0 and 65535/],
    [{ REDIS_URL: 'http://cache' }, 'REDIS_URL', /redis:\/\//],
    [{ REDIS_URL: 'redis://cache:port' }, 'REDIS_URL', /not a valid URL/],
    [{ NUEYNE_BASE_URL: 'not a url' }, 'NUEYNE_BASE_URL', /http\(s\) URL/],
    [{ NUEYNE_TIMEZONE: 'Mars/Olympus' }, 'NUEYNE_TIMEZONE', /IANA time zone/],
    [
      { GATEWAY_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') },
      'GATEWAY_ENCRYPTION_KEY',
      /32 bytes/,
    ],
    [{ GATEWAY_JWT_PRIVATE_KEY: 'hello' }, 'GATEWAY_JWT_PRIVATE_KEY', /PKCS#8/],
    [{ GATEWAY_CLIENTS: '{"id":1}' }, 'GATEWAY_CLIENTS', /JSON list/],
    [
      { GATEWAY_CLIENTS: '[{"id":"a","secret":"short","scopes":[]}]' },
      'GATEWAY_CLIENTS',
      /16 characters/,
    ],
    [{ RATE_LIMITS: '{"default":{"limit":0,"windowSeconds":60}}' }, 'RATE_LIMITS', /limit >= 1/],
    [{ CORS_ORIGINS: 'https://app.example.com/path' }, 'CORS_ORIGINS', /origins/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/],
    [
      { ACCOUNTS_VERIFICATION_TTL_SECONDS: '30' },
      'ACCOUNTS_VERIFICATION_TTL_SECONDS',
      /between 60 and 3600/,
    ],
    [{ ACCOUNTS_BODY_LIMIT_BYTES: '10' }, 'ACCOUNTS_BODY_LIMIT_BYTES', /between 1024/],
    [{ ACCOUNTS_SMS_REGIONS: 'KR,Korea' }, 'ACCOUNTS_SMS_REGIONS', /alpha-2/],
    [
      { GATEWAY_BODY_LIMIT_BYTES: '65536', GATEWAY_BODY_BUDGET_BYTES: '32768' },
      'GATEWAY_BODY_BUDGET_BYTES',
      /at least GATEWAY_BODY_LIMIT_BYTES \(65536\)/,
    ],
  ])('refuses %j naming %s', (env, variable, message) => fails(env, variable, message));

  it('reads every JWT signing key and the kind of each before anything starts', () => {
    const config = loadConfig({ GATEWAY_JWT_PRIVATE_KEY: `${P256}\n${ED25519}` });
    expect(config.auth.privateKeysPem).toHaveLength(2);
    // One line in an env file: the PEM with \n escapes.
    expect(
      loadConfig({ GATEWAY_JWT_PRIVATE_KEY: P256.replace(/\n/g, '\\n') }).auth.privateKeysPem,
    ).toHaveLength(1);
  });

  it.each([
    ['a P-384 key', P384, /EC keys must be P-256 \(ES256\), got secp384r1/],
    ['an Ed448 key', ED448, /unsupported key type ed448/],
    ['an X25519 key (not for signing)', X25519, /unsupported key type x25519/],
    ['a 1024-bit RSA key', RSA_1024, /at least 2048 bits/],
    ['a garbage PEM block', GARBAGE, /PEM block 1 is not a readable PKCS#8 private key/],
    ['a good key then a garbage block', `${P256}\n${GARBAGE}`, /PEM block 2 is not a readable/],
    [
      'a public key',
      generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString(),
      /PKCS#8/,
    ],
  ])('refuses %s in GATEWAY_JWT_PRIVATE_KEY, in one line naming it', (_, pem, message) =>
    fails({ GATEWAY_JWT_PRIVATE_KEY: pem }, 'GATEWAY_JWT_PRIVATE_KEY', message),
  );

  it.each([
    ['31 bytes', Buffer.alloc(31, 1).toString('base64'), /32 bytes of base64, got 31 bytes/],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64'), /got 33 bytes/],
    ['not base64', 'not base64 at all!', /must be base64/],
    ['hex of 32 bytes', Buffer.alloc(32, 1).toString('hex'), /32 bytes of base64, got 48 bytes/],
  ])('refuses an encryption key of %s', (_, key, message) =>
    fails({ GATEWAY_ENCRYPTION_KEY: key }, 'GATEWAY_ENCRYPTION_KEY', message),
  );

  it('reads the onboarding settings and limit groups', () => {
    const defaults = loadConfig({});
    expect(defaults.accounts).toEqual({
      verificationTtlSeconds: 600,
      bodyLimitBytes: 8192,
      smsRegions: [],
    });
    expect(defaults.rateLimits['sms-per-phone']).toEqual({ limit: 5, windowSeconds: 3600 });
    expect(defaults.rateLimits['sms-global']).toEqual({ limit: 1000, windowSeconds: 3600 });
    const set = loadConfig({
      ACCOUNTS_VERIFICATION_TTL_SECONDS: '300',
      ACCOUNTS_SMS_REGIONS: 'kr, us',
      RATE_LIMITS: '{"sms-global":{"limit":50,"windowSeconds":86400}}',
    });
    expect(set.accounts.verificationTtlSeconds).toBe(300);
    expect(set.accounts.smsRegions).toEqual(['KR', 'US']);
    expect(set.rateLimits['sms-global']).toEqual({ limit: 50, windowSeconds: 86400 });
    expect(set.rateLimits['sms-per-phone']).toEqual({ limit: 5, windowSeconds: 3600 });
    // The accounts body limit never exceeds the global one.
    expect(
      loadConfig({ GATEWAY_BODY_LIMIT_BYTES: '2048', ACCOUNTS_BODY_LIMIT_BYTES: '8192' }).accounts
        .bodyLimitBytes,
    ).toBe(2048);
  });

  it('refuses simulators, generated keys and the memory store in production', () => {
    fails({ NODE_ENV: 'production' }, 'NUEYNE_BASE_URL', /simulator.*production/);
    const upstreams = {
      NODE_ENV: 'production',
      NUEYNE_BASE_URL: 'https://prod.nueyne.dev',
      THINQ_BASE_URL: 'https://{region}-connect.lgthinq.com',
      INTERWATER_BASE_URL: 'https://api.interwater.biz',
    };
    fails(upstreams, 'THINQ_SERVICE_ID', /required when NODE_ENV=production/);
  });

  it('runs one process by default, one per core with GATEWAY_WORKERS=auto, and only on shared state', () => {
    expect(loadConfig({}).workers).toBe(1);
    const shared = {
      REDIS_URL: 'redis://cache:6379',
      NUEYNE_BASE_URL: 'https://prod.nueyne.dev',
      THINQ_BASE_URL: 'https://{region}-connect.lgthinq.com',
      INTERWATER_BASE_URL: 'https://api.interwater.biz',
      GATEWAY_JWT_PRIVATE_KEY: P256,
      GATEWAY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    expect(loadConfig({ ...shared, GATEWAY_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ ...shared, GATEWAY_WORKERS: 'auto' }).workers).toBeGreaterThanOrEqual(1);
    fails({ ...shared, GATEWAY_WORKERS: '0' }, 'GATEWAY_WORKERS', /between 1 and 64/);
    fails({ ...shared, GATEWAY_WORKERS: 'two' }, 'GATEWAY_WORKERS', /whole number/);
    const without = (name: keyof typeof shared) =>
      Object.fromEntries(Object.entries(shared).filter(([key]) => key !== name));
    for (const name of Object.keys(shared) as (keyof typeof shared)[]) {
      fails({ ...without(name), GATEWAY_WORKERS: '2' }, name, /required when GATEWAY_WORKERS=2/);
    }
  });
  it('reads the ThinQ call budget and list cache, and keeps a read share in the budget', () => {
    const defaults = loadConfig({}).thinq;
    expect(defaults).toMatchObject({ hourlyCallBudget: 200, commandReserve: 20 });
    expect(defaults.devicesFreshMs).toBe(300000);
    expect(loadConfig({}).cache.refreshWaitMs).toBe(1000);
    const set = loadConfig({
      THINQ_HOURLY_CALL_BUDGET: '50',
      THINQ_COMMAND_RESERVE: '0',
      THINQ_DEVICES_FRESH_MS: '0',
      CACHE_REFRESH_WAIT_MS: '250',
    });
    expect(set.thinq).toMatchObject({ hourlyCallBudget: 50, commandReserve: 0, devicesFreshMs: 0 });
    expect(set.cache.refreshWaitMs).toBe(250);
    // A budget below the default reserve keeps one call for reads.
    expect(loadConfig({ THINQ_HOURLY_CALL_BUDGET: '5' }).thinq.commandReserve).toBe(4);
    fails({ THINQ_HOURLY_CALL_BUDGET: '0' }, 'THINQ_HOURLY_CALL_BUDGET', /between 1 and/);
    fails(
      { THINQ_HOURLY_CALL_BUDGET: '10', THINQ_COMMAND_RESERVE: '10' },
      'THINQ_COMMAND_RESERVE',
      /less than THINQ_HOURLY_CALL_BUDGET \(10\)/,
    );
    fails({ CACHE_REFRESH_WAIT_MS: 'soon' }, 'CACHE_REFRESH_WAIT_MS', /whole number/);
  });

  it('reads the breakers’ share-of-failures rule per upstream: 25 % of 20 calls in 10 s by default, 0 turns it off', () => {
    const defaults = loadConfig({}).resilience;
    for (const upstream of [defaults.nueyne, defaults.thinq, defaults.interwater]) {
      expect(upstream).toMatchObject({
        breakerFailurePercent: 25,
        breakerWindowMs: 10000,
        breakerMinCalls: 20,
      });
    }
    const set = loadConfig({
      INTERWATER_BREAKER_FAILURE_PERCENT: '0',
      INTERWATER_BREAKER_WINDOW_MS: '30000',
      INTERWATER_BREAKER_MIN_CALLS: '50',
    }).resilience;
    expect(set.interwater).toMatchObject({
      breakerFailurePercent: 0,
      breakerWindowMs: 30000,
      breakerMinCalls: 50,
    });
    expect(set.nueyne.breakerFailurePercent).toBe(25);
    fails({ NUEYNE_BREAKER_FAILURE_PERCENT: '101' }, 'NUEYNE_BREAKER_FAILURE_PERCENT', /between/);
    fails({ THINQ_BREAKER_WINDOW_MS: '10' }, 'THINQ_BREAKER_WINDOW_MS', /between/);
    fails({ THINQ_BREAKER_MIN_CALLS: '0' }, 'THINQ_BREAKER_MIN_CALLS', /between/);
  });
});

describe('loadConfig: ThinQ push', () => {
  const dir = mkdtempSync(join(tmpdir(), 'junction-ca-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is on by default, for 24-hour subscriptions and a 5 s keepalive, with Node\u2019s roots', () => {
    expect(loadConfig({}).thinq.push).toEqual({
      enabled: true,
      ca: undefined,
      subscriptionHours: 24,
      keepaliveSeconds: 5,
      reconnectMaxMs: 15000,
    });
    expect(loadConfig({ THINQ_PUSH: 'off' }).thinq.push.enabled).toBe(false);
    expect(loadConfig({ THINQ_PUSH: 'ON' }).thinq.push.enabled).toBe(true);
    fails({ THINQ_PUSH: 'maybe' }, 'THINQ_PUSH', /must be on or off/);
    fails(
      { THINQ_PUSH_SUBSCRIPTION_HOURS: '25' },
      'THINQ_PUSH_SUBSCRIPTION_HOURS',
      /between 1 and 24/,
    );
  });

  it('reads THINQ_MQTT_CA_FILE as PEM certificates, naming the variable when it cannot', async () => {
    const { certPem } = await newTestCa();
    const good = join(dir, 'ca.pem');
    writeFileSync(good, `# the test CA\n${certPem}`);
    expect(loadConfig({ THINQ_MQTT_CA_FILE: good }).thinq.push.ca).toBe(`${certPem.trim()}\n`);
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, 'nothing here');
    fails({ THINQ_MQTT_CA_FILE: empty }, 'THINQ_MQTT_CA_FILE', /holds no PEM certificate/);
    fails({ THINQ_MQTT_CA_FILE: join(dir, 'missing.pem') }, 'THINQ_MQTT_CA_FILE', /ENOENT/);
    const broken = join(dir, 'broken.pem');
    writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    fails({ THINQ_MQTT_CA_FILE: broken }, 'THINQ_MQTT_CA_FILE', /cannot be read/);
  });
});
