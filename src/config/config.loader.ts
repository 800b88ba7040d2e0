import { createPrivateKey, KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  AppConfig,
  ClientConfig,
  RateLimitRule,
  UpstreamResilience,
  UpstreamTimeouts,
} from './app-config';

/** A configuration problem; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  return value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

/** THINQ_HOURLY_CALL_BUDGET and THINQ_COMMAND_RESERVE: reads must keep at least one call. */
function callBudget(env: Env): { hourlyCallBudget: number; commandReserve: number } {
  const hourlyCallBudget = integer(env, 'THINQ_HOURLY_CALL_BUDGET', 200, 1, 1000000);
  const commandReserve = integer(
    env,
    'THINQ_COMMAND_RESERVE',
    Math.min(20, hourlyCallBudget - 1),
    0,
    1000000,
  );
  if (commandReserve >= hourlyCallBudget) {
    throw new ConfigError(
      'THINQ_COMMAND_RESERVE',
      `must be less than THINQ_HOURLY_CALL_BUDGET (${hourlyCallBudget}), got ${commandReserve}`,
    );
  }
  return { hourlyCallBudget, commandReserve };
}

function httpUrl(env: Env, name: string, allowRegionTemplate = false): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  const probe = allowRegionTemplate ? raw.replace('{region}', 'kic') : raw;
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function timezone(env: Env, name: string): string {
  const zone = optional(env, name) ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new ConfigError(
      name,
      `must be an IANA time zone such as UTC or Asia/Seoul, got "${zone}"`,
    );
  }
  return zone;
}

export type SigningAlgorithm = 'ES256' | 'EdDSA' | 'RS256';

/** The JWS algorithm a gateway signing key is used with; throws ConfigError for any other key. */
export function signingAlgorithmOf(
  key: KeyObject,
  name = 'GATEWAY_JWT_PRIVATE_KEY',
): SigningAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return 'ES256';
    throw new ConfigError(name, `EC keys must be P-256 (ES256), got ${curve}`);
  }
  if (type === 'ed25519') return 'EdDSA';
  if (type === 'rsa') {
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
      throw new ConfigError(name, 'RSA keys must be at least 2048 bits');
    }
    return 'RS256';
  }
  throw new ConfigError(name, `unsupported key type ${type}; use EC P-256, Ed25519 or RSA`);
}

/**
 * The PEM blocks of the JWT signing keys, each read and checked here, so a bad key stops the start
 * in the one-line form before Nest or Redis start (it used to surface from Nest's init, with a stack).
 */
function pemKeys(env: Env, name: string): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  const text = raw.replace(/\\n/g, '\n');
  const blocks = text.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/g);
  if (!blocks) {
    throw new ConfigError(
      name,
      'must hold a PKCS#8 PEM private key (BEGIN PRIVATE KEY; convert others with openssl pkcs8 -topk8 -nocrypt)',
    );
  }
  blocks.forEach((block, index) => {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: block, format: 'pem' });
    } catch {
      throw new ConfigError(name, `PEM block ${index + 1} is not a readable PKCS#8 private key`);
    }
    signingAlgorithmOf(key, name);
  });
  return blocks;
}

function encryptionKey(env: Env, name: string): Buffer | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) throw new ConfigError(name, 'must be base64');
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new ConfigError(name, `must be 32 bytes of base64, got ${key.length} bytes`);
  }
  return key;
}

const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

function clients(env: Env, name: string): ClientConfig[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(name, 'must be a JSON list of {id, secret, scopes}');
  }
  if (!Array.isArray(parsed))
    throw new ConfigError(name, 'must be a JSON list of {id, secret, scopes}');
  const seen = new Set<string>();
  return parsed.map((item: unknown, index) => {
    const entry = item as Partial<Record<'id' | 'secret' | 'scopes', unknown>> | null;
    const id = entry?.id;
    const secret = entry?.secret;
    const scopes = entry?.scopes;
    if (typeof id !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
      throw new ConfigError(name, `[${index}].id must be 1-64 characters of A-Z a-z 0-9 . _ -`);
    }
    if (seen.has(id)) throw new ConfigError(name, `[${index}].id "${id}" is listed twice`);
    seen.add(id);
    if (typeof secret !== 'string' || secret.length < 16) {
      throw new ConfigError(name, `[${index}].secret must be a string of at least 16 characters`);
    }
    const list = typeof scopes === 'string' ? scopes.split(' ').filter(Boolean) : scopes;
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && SCOPE.test(s))) {
      throw new ConfigError(name, `[${index}].scopes must be a list of scope names`);
    }
    return { id, secret, scopes: list as string[] };
  });
}

function clusterNodes(env: Env, name: string): { host: string; port: number }[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((part) => {
    const match = /^\s*([^\s:]+):(\d{1,5})\s*$/.exec(part);
    if (!match)
      throw new ConfigError(name, `must be a comma-separated list of host:port, got "${part}"`);
    return { host: match[1], port: Number(match[2]) };
  });
}

function timeouts(env: Env, prefix: string, totalDefault: number): UpstreamTimeouts {
  return {
    connectMs: integer(env, `${prefix}_CONNECT_TIMEOUT_MS`, 2000, 50, 60000),
    totalMs: integer(env, `${prefix}_TIMEOUT_MS`, totalDefault, 50, 120000),
  };
}

function resilience(env: Env, prefix: string, retries = 2): UpstreamResilience {
  return {
    retries: integer(env, `${prefix}_RETRIES`, retries, 0, 5),
    breakerThreshold: integer(env, `${prefix}_BREAKER_THRESHOLD`, 5, 1, 1000),
    breakerMinCallers: integer(env, `${prefix}_BREAKER_MIN_CALLERS`, 3, 1, 100),
    breakerHalfOpenMs: integer(env, `${prefix}_BREAKER_HALF_OPEN_MS`, 10000, 100, 600000),
    breakerFailurePercent: integer(env, `${prefix}_BREAKER_FAILURE_PERCENT`, 25, 0, 100),
    breakerWindowMs: integer(env, `${prefix}_BREAKER_WINDOW_MS`, 10000, 1000, 600000),
    breakerMinCalls: integer(env, `${prefix}_BREAKER_MIN_CALLS`, 20, 1, 100000),
    maxConcurrent: integer(env, `${prefix}_MAX_CONCURRENT`, 64, 1, 10000),
    maxQueue: integer(env, `${prefix}_MAX_QUEUE`, 128, 0, 100000),
  };
}

/** Default limits per route group; RATE_LIMITS (JSON) overrides or adds groups. */
export const DEFAULT_RATE_LIMITS: Record<string, RateLimitRule> = {
  /** Per client (session or service client), every authenticated route. */
  default: { limit: 600, windowSeconds: 60 },
  /** Per client IP, the token and revocation endpoints. */
  auth: { limit: 60, windowSeconds: 60 },
  /** Per username, failed sign-ins (credential stuffing), through the token endpoint or a link. */
  'sign-in-failures': { limit: 5, windowSeconds: 900 },
  /** Per client id, wrong client secrets (client_credentials and every client authentication). */
  'client-auth-failures': { limit: 10, windowSeconds: 900 },
  /** Per client, appliance commands (each one spends the user's hourly ThinQ quota). */
  'appliance-commands': { limit: 30, windowSeconds: 60 },
  // Onboarding (/v1/accounts). SMS costs money (SMS pumping), codes are guessable, and the
  // recovery routes answer about accounts: see the README's "Onboarding limits".
  /** Per client IP, every /v1/accounts route. */
  accounts: { limit: 60, windowSeconds: 60 },
  /** Per phone number, SMS codes sent (SMS bombing of one number). */
  'sms-per-phone': { limit: 5, windowSeconds: 3600 },
  /** Per client IP, SMS codes sent (one client pumping many numbers). */
  'sms-per-ip': { limit: 20, windowSeconds: 3600 },
  /** All instances together, SMS codes sent (the spend ceiling). */
  'sms-global': { limit: 1000, windowSeconds: 3600 },
  /** Per phone number, codes tried (confirm and Lux recover-id): guessing a 6-digit code. */
  'verification-attempts': { limit: 5, windowSeconds: 900 },
  /** Per client IP, sign-ups (account and verification-mail spam). */
  'sign-ups': { limit: 10, windowSeconds: 3600 },
  /** Per client IP, account recovery and password-reset requests. */
  recovery: { limit: 10, windowSeconds: 3600 },
  /** Per e-mail (password reset) or phone (Legacy recover-id): mail bombing, fact guessing. */
  'recovery-per-account': { limit: 5, windowSeconds: 3600 },
  /** Per client IP, e-mail availability checks (an enumeration oracle by design). */
  'email-availability': { limit: 30, windowSeconds: 3600 },
};

function rateLimits(env: Env, name: string): Record<string, RateLimitRule> {
  const raw = optional(env, name);
  if (raw === undefined) return { ...DEFAULT_RATE_LIMITS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(
      name,
      'must be JSON such as {"default": {"limit": 600, "windowSeconds": 60}}',
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(name, 'must be a JSON object of group -> {limit, windowSeconds}');
  }
  const out = { ...DEFAULT_RATE_LIMITS };
  for (const [group, rule] of Object.entries(parsed as Record<string, unknown>)) {
    const r = rule as Partial<RateLimitRule> | null;
    if (
      !r ||
      !Number.isInteger(r.limit) ||
      !Number.isInteger(r.windowSeconds) ||
      r.limit! < 1 ||
      r.windowSeconds! < 1
    ) {
      throw new ConfigError(
        name,
        `group "${group}" needs whole numbers limit >= 1 and windowSeconds >= 1`,
      );
    }
    out[group] = { limit: r.limit!, windowSeconds: r.windowSeconds! };
  }
  return out;
}

/** ISO 3166-1 alpha-2 codes, comma-separated (`KR,US`); unset or empty: no restriction. */
function regions(env: Env, name: string): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((part) => {
    const code = part.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) {
      throw new ConfigError(
        name,
        `must be a comma-separated list of ISO 3166-1 alpha-2 codes such as KR,US, got "${part.trim()}"`,
      );
    }
    return code;
  });
}

function corsOrigins(env: Env, name: string): string[] | '*' | false {
  const raw = optional(env, name);
  if (raw === undefined) return false;
  if (raw === '*') return '*';
  return raw.split(',').map((origin) => {
    const value = origin.trim();
    try {
      const url = new URL(value);
      if (url.origin !== value) throw new Error('not an origin');
    } catch {
      throw new ConfigError(
        name,
        `must be * or a comma-separated list of origins like https://app.example.com, got "${value}"`,
      );
    }
    return value;
  });
}

/**
 * The sandbox's demo service client, so the README's client_credentials example works as written.
 * Its secret is published, so it exists only in the sandbox (every upstream a built-in simulator),
 * where a token from it reaches simulated data only; GATEWAY_CLIENTS may redefine `reports`.
 */
export const SANDBOX_DEMO_CLIENT: Readonly<ClientConfig> = {
  id: 'reports',
  secret: 'reports-secret-0123456789',
  scopes: ['conference:read', 'conference:admin'],
};

/** Reads and validates the whole configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env): AppConfig {
  const nodeEnv = optional(env, 'NODE_ENV') ?? 'development';
  const production = nodeEnv === 'production';
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const logLevel = optional(env, 'LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      `must be one of fatal, error, warn, info, debug, trace, silent`,
    );
  }

  const redisUrl = optional(env, 'REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL', `must start with redis:// or rediss://`);
  }
  if (redisUrl !== undefined && !URL.canParse(redisUrl)) {
    throw new ConfigError('REDIS_URL', 'is not a valid URL (redis://[:password@]host[:port][/db])');
  }
  const nodes = clusterNodes(env, 'REDIS_CLUSTER_NODES');

  const bodyLimitBytes = integer(env, 'GATEWAY_BODY_LIMIT_BYTES', 1048576, 1024, 104857600);
  const config: AppConfig = {
    nodeEnv,
    production,
    port,
    logLevel,
    bodyLimitBytes,
    bodyBudgetBytes: integer(env, 'GATEWAY_BODY_BUDGET_BYTES', 33554432, 1024, 17179869184),
    workers: workers(env, 'GATEWAY_WORKERS', availableParallelism()),
    trustProxyHops: integer(env, 'GATEWAY_TRUST_PROXY_HOPS', 0, 0, 10),
    redis: {
      url: redisUrl,
      clusterNodes: nodes,
      keyPrefix: optional(env, 'REDIS_KEY_PREFIX') ?? 'junction:',
    },
    nueyne: {
      baseUrl: httpUrl(env, 'NUEYNE_BASE_URL'),
      timezone: timezone(env, 'NUEYNE_TIMEZONE'),
      timeouts: timeouts(env, 'NUEYNE', 10000),
    },
    thinq: {
      baseUrl: httpUrl(env, 'THINQ_BASE_URL', true),
      serviceId: optional(env, 'THINQ_SERVICE_ID') ?? 'junction-sandbox',
      serviceKey: optional(env, 'THINQ_SERVICE_KEY') ?? 'sandbox-service-key',
      timeouts: timeouts(env, 'THINQ', 10000),
      statusFreshMs: integer(env, 'THINQ_STATUS_FRESH_MS', 5000, 0, 3600000),
      statusStaleWhileRevalidateMs: integer(env, 'THINQ_STATUS_SWR_MS', 25000, 0, 86400000),
      statusStaleIfErrorMs: integer(env, 'THINQ_STATUS_STALE_IF_ERROR_MS', 300000, 0, 86400000),
      profileTtlMs: integer(env, 'THINQ_PROFILE_TTL_MS', 21600000, 1000, 604800000),
      devicesFreshMs: integer(env, 'THINQ_DEVICES_FRESH_MS', 300000, 0, 86400000),
      devicesStaleWhileRevalidateMs: integer(env, 'THINQ_DEVICES_SWR_MS', 0, 0, 86400000),
      devicesStaleIfErrorMs: integer(
        env,
        'THINQ_DEVICES_STALE_IF_ERROR_MS',
        86400000,
        0,
        604800000,
      ),
      ...callBudget(env),
    },
    cache: {
      lockTtlMs: integer(env, 'CACHE_LOCK_TTL_MS', 15000, 100, 300000),
      refreshWaitMs: integer(env, 'CACHE_REFRESH_WAIT_MS', 1000, 0, 60000),
    },
    nearCache: {
      maxAgeMs: integer(env, 'NEAR_CACHE_MAX_AGE_MS', 500, 0, 60000),
      maxEntries: integer(env, 'NEAR_CACHE_MAX_ENTRIES', 10000, 100, 1000000),
    },
    applianceEvents: {
      pollMs: integer(env, 'APPLIANCE_EVENTS_POLL_MS', 5000, 100, 3600000),
      listPollMs: integer(env, 'APPLIANCE_EVENTS_LIST_POLL_MS', 300000, 1000, 86400000),
      heartbeatMs: integer(env, 'APPLIANCE_EVENTS_HEARTBEAT_MS', 15000, 100, 300000),
      retryMs: integer(env, 'APPLIANCE_EVENTS_RETRY_MS', 3000, 0, 600000),
      maxStreamsPerSession: integer(env, 'APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION', 4, 1, 1000),
      bufferBytes: integer(env, 'APPLIANCE_EVENTS_BUFFER_BYTES', 65536, 1024, 16777216),
      historySize: integer(env, 'APPLIANCE_EVENTS_HISTORY', 50, 1, 10000),
      historyMs: integer(env, 'APPLIANCE_EVENTS_HISTORY_MS', 600000, 1000, 86400000),
      recheckMs: integer(env, 'APPLIANCE_EVENTS_RECHECK_MS', 5000, 100, 600000),
    },
    interwater: {
      baseUrl: httpUrl(env, 'INTERWATER_BASE_URL'),
      accessKey: optional(env, 'INTERWATER_ACCESS_KEY') ?? 'sandbox-access-key',
      secretKey: optional(env, 'INTERWATER_SECRET_KEY') ?? 'sandbox-secret-key',
      timeouts: timeouts(env, 'INTERWATER', 10000),
    },
    auth: {
      privateKeysPem: pemKeys(env, 'GATEWAY_JWT_PRIVATE_KEY'),
      encryptionKey: encryptionKey(env, 'GATEWAY_ENCRYPTION_KEY'),
      clients: clients(env, 'GATEWAY_CLIENTS'),
      issuer: httpUrl(env, 'GATEWAY_ISSUER') ?? `http://localhost:${port}`,
      audience: optional(env, 'GATEWAY_AUDIENCE') ?? 'junction',
      accessTokenTtlSeconds: integer(env, 'GATEWAY_ACCESS_TOKEN_TTL_SECONDS', 600, 10, 86400),
      refreshTokenTtlSeconds: integer(
        env,
        'GATEWAY_REFRESH_TOKEN_TTL_SECONDS',
        1209600,
        60,
        7776000,
      ),
    },
    resilience: {
      nueyne: resilience(env, 'NUEYNE'),
      thinq: resilience(env, 'THINQ', 1),
      interwater: resilience(env, 'INTERWATER'),
      retryBudgetPercent: integer(env, 'UPSTREAM_RETRY_BUDGET_PERCENT', 20, 0, 100),
    },
    aggregates: {
      sourceTimeoutMs: integer(env, 'AGGREGATE_SOURCE_TIMEOUT_MS', 3000, 50, 60000),
      homeDeadlineMs: integer(env, 'HOME_DEADLINE_MS', 3000, 50, 60000),
    },
    rateLimits: rateLimits(env, 'RATE_LIMITS'),
    accounts: {
      verificationTtlSeconds: integer(env, 'ACCOUNTS_VERIFICATION_TTL_SECONDS', 600, 60, 3600),
      // Never above the global limit, which Fastify applies to every other route.
      bodyLimitBytes: Math.min(
        bodyLimitBytes,
        integer(env, 'ACCOUNTS_BODY_LIMIT_BYTES', 8192, 1024, 1048576),
      ),
      smsRegions: regions(env, 'ACCOUNTS_SMS_REGIONS'),
    },
    cors: { origins: corsOrigins(env, 'CORS_ORIGINS') },
    tracing: {
      otlpEndpoint: httpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT'),
      serviceName: optional(env, 'OTEL_SERVICE_NAME') ?? 'junction',
    },
    shutdown: {
      drainMs: integer(env, 'SHUTDOWN_DRAIN_MS', production ? 5000 : 0, 0, 120000),
      timeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 30000, 100, 600000),
    },
    sandbox: {
      enabled: false,
      nueyneAccessTtlSeconds: integer(env, 'SANDBOX_NUEYNE_ACCESS_TTL_SECONDS', 900, 1, 86400),
      interwaterMaxTtlSeconds: integer(env, 'SANDBOX_INTERWATER_MAX_TTL_SECONDS', 3600, 1, 86400),
    },
  };

  config.sandbox.enabled =
    !production &&
    config.nueyne.baseUrl === undefined &&
    config.thinq.baseUrl === undefined &&
    config.interwater.baseUrl === undefined;
  if (
    config.sandbox.enabled &&
    !config.auth.clients.some((client) => client.id === SANDBOX_DEMO_CLIENT.id)
  ) {
    config.auth.clients.push({ ...SANDBOX_DEMO_CLIENT, scopes: [...SANDBOX_DEMO_CLIENT.scopes] });
  }

  if (config.bodyBudgetBytes < config.bodyLimitBytes) {
    throw new ConfigError(
      'GATEWAY_BODY_BUDGET_BYTES',
      `must be at least GATEWAY_BODY_LIMIT_BYTES (${config.bodyLimitBytes}), got ${config.bodyBudgetBytes}`,
    );
  }
  if (production) requireProductionValues(env, config);
  if (config.workers > 1) requireSharedState(env, config);
  return config;
}

/** Workers share nothing but Redis: an in-process store, simulator or generated key would split them. */
function requireSharedState(env: Env, config: AppConfig): void {
  const why = `is required when GATEWAY_WORKERS=${config.workers}: the workers share state through it`;
  if (!config.redis.url && config.redis.clusterNodes.length === 0)
    throw new ConfigError('REDIS_URL', `(or REDIS_CLUSTER_NODES) ${why}`);
  for (const [name, value] of [
    ['NUEYNE_BASE_URL', config.nueyne.baseUrl],
    ['THINQ_BASE_URL', config.thinq.baseUrl],
    ['INTERWATER_BASE_URL', config.interwater.baseUrl],
  ] as const) {
    if (value === undefined)
      throw new ConfigError(
        name,
        `${why} (each worker would otherwise run its own built-in simulator); start them with npm run sandbox`,
      );
  }
  for (const name of ['GATEWAY_JWT_PRIVATE_KEY', 'GATEWAY_ENCRYPTION_KEY']) {
    if (optional(env, name) === undefined)
      throw new ConfigError(name, `${why} (a generated key would differ per worker)`);
  }
}

function workers(env: Env, name: string, cores: number): number {
  if (optional(env, name)?.toLowerCase() === 'auto') return cores;
  return integer(env, name, 1, 1, 64);
}

function requireProductionValues(env: Env, config: AppConfig): void {
  const simulated: [string, string | undefined][] = [
    ['NUEYNE_BASE_URL', config.nueyne.baseUrl],
    ['THINQ_BASE_URL', config.thinq.baseUrl],
    ['INTERWATER_BASE_URL', config.interwater.baseUrl],
  ];
  for (const [name, value] of simulated) {
    if (value === undefined) {
      throw new ConfigError(
        name,
        'is unset, which runs the built-in simulator; NODE_ENV=production refuses that',
      );
    }
  }
  const required = [
    'THINQ_SERVICE_ID',
    'THINQ_SERVICE_KEY',
    'INTERWATER_ACCESS_KEY',
    'INTERWATER_SECRET_KEY',
    'GATEWAY_JWT_PRIVATE_KEY',
    'GATEWAY_ENCRYPTION_KEY',
  ];
  for (const name of required) {
    if (optional(env, name) === undefined)
      throw new ConfigError(name, 'is required when NODE_ENV=production');
  }
  if (!config.redis.url && config.redis.clusterNodes.length === 0) {
    throw new ConfigError(
      'REDIS_URL',
      'is required when NODE_ENV=production (the in-memory store is for the sandbox only)',
    );
  }
}

/** Ports of the standalone sandbox (`npm run sandbox`). */
export function loadSandboxPorts(
  env: Env,
): Record<'nueyne' | 'thinq' | 'interwater', number> & { host: string } {
  return {
    host: optional(env, 'SANDBOX_HOST') ?? '127.0.0.1',
    nueyne: integer(env, 'SANDBOX_NUEYNE_PORT', 4010, 0, 65535),
    thinq: integer(env, 'SANDBOX_THINQ_PORT', 4020, 0, 65535),
    interwater: integer(env, 'SANDBOX_INTERWATER_PORT', 4030, 0, 65535),
  };
}
