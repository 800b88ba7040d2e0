import { availableParallelism } from 'node:os';
import { AppConfig, ClientConfig, UpstreamResilience, UpstreamTimeouts } from './app-config';
import {
  clients,
  clusterNodes,
  ConfigError,
  corsOrigins,
  encryptionKey,
  Env,
  httpUrl,
  integer,
  onOff,
  optional,
  pemCertificateFile,
  pemKeys,
  rateLimits,
  regions,
  timezone,
} from './parse';
import { integerVariable } from './variables';

/** A whole number within the bounds of its row in variables.ts; `fallback` when its default depends on another variable. */
function int(env: Env, name: string, fallback?: number): number {
  const row = integerVariable(name);
  return integer(env, name, fallback ?? row.default, row.min, row.max);
}

/** THINQ_HOURLY_CALL_BUDGET and THINQ_COMMAND_RESERVE: reads must keep at least one call. */
function callBudget(env: Env): { hourlyCallBudget: number; commandReserve: number } {
  const hourlyCallBudget = int(env, 'THINQ_HOURLY_CALL_BUDGET');
  const commandReserve = int(env, 'THINQ_COMMAND_RESERVE', Math.min(20, hourlyCallBudget - 1));
  if (commandReserve >= hourlyCallBudget) {
    throw new ConfigError(
      'THINQ_COMMAND_RESERVE',
      `must be less than THINQ_HOURLY_CALL_BUDGET (${hourlyCallBudget}), got ${commandReserve}`,
    );
  }
  return { hourlyCallBudget, commandReserve };
}

function timeouts(env: Env, prefix: string): UpstreamTimeouts {
  return {
    connectMs: int(env, `${prefix}_CONNECT_TIMEOUT_MS`),
    totalMs: int(env, `${prefix}_TIMEOUT_MS`),
  };
}

function resilience(env: Env, prefix: string): UpstreamResilience {
  return {
    retries: int(env, `${prefix}_RETRIES`),
    breakerThreshold: int(env, `${prefix}_BREAKER_THRESHOLD`),
    breakerMinCallers: int(env, `${prefix}_BREAKER_MIN_CALLERS`),
    breakerHalfOpenMs: int(env, `${prefix}_BREAKER_HALF_OPEN_MS`),
    breakerFailurePercent: int(env, `${prefix}_BREAKER_FAILURE_PERCENT`),
    breakerWindowMs: int(env, `${prefix}_BREAKER_WINDOW_MS`),
    breakerMinCalls: int(env, `${prefix}_BREAKER_MIN_CALLS`),
    maxConcurrent: int(env, `${prefix}_MAX_CONCURRENT`),
    maxQueue: int(env, `${prefix}_MAX_QUEUE`),
  };
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

/** A loopback host: the standalone sandbox (`npm run sandbox`, SANDBOX_HOST 127.0.0.1). */
function isLoopback(url: string): boolean {
  const host = new URL(url.replace(/\{region\}/g, 'region')).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Why the published demo client may not be added, or undefined when it may: every upstream
 * simulated (unset, or the standalone sandbox on a loopback host), and Interwater's credentials
 * the sandbox's own (a token of the client reaches Interwater with them).
 */
function demoClientRefusal(env: Env, config: AppConfig, production: boolean): string | undefined {
  if (production) return 'NODE_ENV=production';
  for (const [name, url] of [
    ['NUEYNE_BASE_URL', config.nueyne.baseUrl],
    ['THINQ_BASE_URL', config.thinq.baseUrl],
    ['INTERWATER_BASE_URL', config.interwater.baseUrl],
  ] as const) {
    if (url !== undefined && !isLoopback(url))
      return `${name} is not a simulator (neither unset nor a loopback host)`;
  }
  for (const name of ['INTERWATER_ACCESS_KEY', 'INTERWATER_SECRET_KEY']) {
    if (optional(env, name) !== undefined) return `${name} is set (not the sandbox's credential)`;
  }
  return undefined;
}

/** Reads and validates the whole configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env): AppConfig {
  const nodeEnv = optional(env, 'NODE_ENV') ?? 'development';
  const production = nodeEnv === 'production';
  const port = int(env, 'PORT');
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

  const bodyLimitBytes = int(env, 'GATEWAY_BODY_LIMIT_BYTES');
  const config: AppConfig = {
    nodeEnv,
    production,
    port,
    logLevel,
    bodyLimitBytes,
    bodyBudgetBytes: int(env, 'GATEWAY_BODY_BUDGET_BYTES'),
    bodyTimes: {
      totalMs: int(env, 'GATEWAY_BODY_TIMEOUT_MS'),
      idleMs: int(env, 'GATEWAY_BODY_IDLE_TIMEOUT_MS'),
      lingerMs: int(env, 'GATEWAY_BODY_LINGER_MS'),
    },
    idempotency: { ttlSeconds: int(env, 'IDEMPOTENCY_TTL_SECONDS') },
    workers: workers(env, 'GATEWAY_WORKERS', availableParallelism()),
    trustProxyHops: int(env, 'GATEWAY_TRUST_PROXY_HOPS'),
    redis: {
      url: redisUrl,
      clusterNodes: nodes,
      keyPrefix: optional(env, 'REDIS_KEY_PREFIX') ?? 'junction:',
    },
    nueyne: {
      baseUrl: httpUrl(env, 'NUEYNE_BASE_URL'),
      timezone: timezone(env, 'NUEYNE_TIMEZONE'),
      timeouts: timeouts(env, 'NUEYNE'),
    },
    thinq: {
      baseUrl: httpUrl(env, 'THINQ_BASE_URL', true),
      serviceId: optional(env, 'THINQ_SERVICE_ID') ?? 'junction-sandbox',
      serviceKey: optional(env, 'THINQ_SERVICE_KEY') ?? 'sandbox-service-key',
      timeouts: timeouts(env, 'THINQ'),
      statusFreshMs: int(env, 'THINQ_STATUS_FRESH_MS'),
      statusStaleWhileRevalidateMs: int(env, 'THINQ_STATUS_SWR_MS'),
      statusStaleIfErrorMs: int(env, 'THINQ_STATUS_STALE_IF_ERROR_MS'),
      profileTtlMs: int(env, 'THINQ_PROFILE_TTL_MS'),
      devicesFreshMs: int(env, 'THINQ_DEVICES_FRESH_MS'),
      devicesStaleWhileRevalidateMs: int(env, 'THINQ_DEVICES_SWR_MS'),
      devicesStaleIfErrorMs: int(env, 'THINQ_DEVICES_STALE_IF_ERROR_MS'),
      ...callBudget(env),
      push: {
        enabled: onOff(env, 'THINQ_PUSH', true),
        ca: pemCertificateFile(env, 'THINQ_MQTT_CA_FILE'),
        subscriptionHours: int(env, 'THINQ_PUSH_SUBSCRIPTION_HOURS'),
        keepaliveSeconds: int(env, 'THINQ_MQTT_KEEPALIVE_SECONDS'),
        reconnectMaxMs: int(env, 'THINQ_MQTT_RECONNECT_MAX_MS'),
      },
    },
    cache: {
      lockTtlMs: int(env, 'CACHE_LOCK_TTL_MS'),
      refreshWaitMs: int(env, 'CACHE_REFRESH_WAIT_MS'),
    },
    nearCache: {
      maxAgeMs: int(env, 'NEAR_CACHE_MAX_AGE_MS'),
      maxEntries: int(env, 'NEAR_CACHE_MAX_ENTRIES'),
    },
    applianceEvents: {
      pollMs: int(env, 'APPLIANCE_EVENTS_POLL_MS'),
      listPollMs: int(env, 'APPLIANCE_EVENTS_LIST_POLL_MS'),
      pushSafetyPollMs: int(env, 'APPLIANCE_EVENTS_PUSH_SAFETY_POLL_MS'),
      pushIdleMs: int(env, 'APPLIANCE_EVENTS_PUSH_IDLE_MS'),
      heartbeatMs: int(env, 'APPLIANCE_EVENTS_HEARTBEAT_MS'),
      retryMs: int(env, 'APPLIANCE_EVENTS_RETRY_MS'),
      maxStreamsPerSession: int(env, 'APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION'),
      bufferBytes: int(env, 'APPLIANCE_EVENTS_BUFFER_BYTES'),
      historySize: int(env, 'APPLIANCE_EVENTS_HISTORY'),
      historyMs: int(env, 'APPLIANCE_EVENTS_HISTORY_MS'),
      recheckMs: int(env, 'APPLIANCE_EVENTS_RECHECK_MS'),
    },
    interwater: {
      baseUrl: httpUrl(env, 'INTERWATER_BASE_URL'),
      accessKey: optional(env, 'INTERWATER_ACCESS_KEY') ?? 'sandbox-access-key',
      secretKey: optional(env, 'INTERWATER_SECRET_KEY') ?? 'sandbox-secret-key',
      timeouts: timeouts(env, 'INTERWATER'),
    },
    auth: {
      privateKeysPem: pemKeys(env, 'GATEWAY_JWT_PRIVATE_KEY'),
      encryptionKey: encryptionKey(env, 'GATEWAY_ENCRYPTION_KEY'),
      clients: clients(env, 'GATEWAY_CLIENTS'),
      issuer: httpUrl(env, 'GATEWAY_ISSUER') ?? `http://localhost:${port}`,
      audience: optional(env, 'GATEWAY_AUDIENCE') ?? 'junction',
      accessTokenTtlSeconds: int(env, 'GATEWAY_ACCESS_TOKEN_TTL_SECONDS'),
      refreshTokenTtlSeconds: int(env, 'GATEWAY_REFRESH_TOKEN_TTL_SECONDS'),
    },
    resilience: {
      nueyne: resilience(env, 'NUEYNE'),
      thinq: resilience(env, 'THINQ'),
      interwater: resilience(env, 'INTERWATER'),
      retryBudgetPercent: int(env, 'UPSTREAM_RETRY_BUDGET_PERCENT'),
    },
    aggregates: {
      sourceTimeoutMs: int(env, 'AGGREGATE_SOURCE_TIMEOUT_MS'),
      homeDeadlineMs: int(env, 'HOME_DEADLINE_MS'),
    },
    rateLimits: rateLimits(env, 'RATE_LIMITS'),
    accounts: {
      verificationTtlSeconds: int(env, 'ACCOUNTS_VERIFICATION_TTL_SECONDS'),
      // Never above the global limit, which Fastify applies to every other route.
      bodyLimitBytes: Math.min(bodyLimitBytes, int(env, 'ACCOUNTS_BODY_LIMIT_BYTES')),
      smsRegions: regions(env, 'ACCOUNTS_SMS_REGIONS'),
    },
    cors: { origins: corsOrigins(env, 'CORS_ORIGINS') },
    tracing: {
      otlpEndpoint: httpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT'),
      serviceName: optional(env, 'OTEL_SERVICE_NAME') ?? 'junction',
    },
    shutdown: {
      drainMs: int(env, 'SHUTDOWN_DRAIN_MS', production ? 5000 : 0),
      timeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS'),
    },
    sandbox: {
      enabled: false,
      demoClient: false,
      nueyneAccessTtlSeconds: int(env, 'SANDBOX_NUEYNE_ACCESS_TTL_SECONDS'),
      interwaterMaxTtlSeconds: int(env, 'SANDBOX_INTERWATER_MAX_TTL_SECONDS'),
    },
  };

  config.sandbox.enabled =
    !production &&
    config.nueyne.baseUrl === undefined &&
    config.thinq.baseUrl === undefined &&
    config.interwater.baseUrl === undefined;
  if (!config.auth.clients.some((client) => client.id === SANDBOX_DEMO_CLIENT.id)) {
    const refusal = demoClientRefusal(env, config, production);
    if (refusal === undefined) {
      config.auth.clients.push({ ...SANDBOX_DEMO_CLIENT, scopes: [...SANDBOX_DEMO_CLIENT.scopes] });
      config.sandbox.demoClient = true;
    } else if (!production) {
      config.sandbox.demoClientOmitted = `The sandbox's demo client \`${SANDBOX_DEMO_CLIENT.id}\` is not added: ${refusal}. Define it in GATEWAY_CLIENTS to use it.`;
    }
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
    nueyne: int(env, 'SANDBOX_NUEYNE_PORT'),
    thinq: int(env, 'SANDBOX_THINQ_PORT'),
    interwater: int(env, 'SANDBOX_INTERWATER_PORT'),
  };
}
