import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './config.loader';

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
    expect(config.auth.clients).toEqual([]);
    expect(config.rateLimits.default).toEqual({ limit: 600, windowSeconds: 60 });
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
    expect(config.auth.clients[0]).toEqual({
      id: 'reports',
      secret: '0123456789abcdef',
      scopes: ['conference:read'],
    });
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
});
