/** Typed configuration, read once from the environment at start (see config.loader.ts). */
export interface ClientConfig {
  id: string;
  secret: string;
  scopes: string[];
}

export interface UpstreamTimeouts {
  connectMs: number;
  totalMs: number;
}

/** Per-upstream resilience: retries (idempotent calls only), circuit breaker, bulkhead. */
export interface UpstreamResilience {
  /** Extra attempts after the first, for idempotent calls on connection errors, timeouts, 502/503/504. */
  retries: number;
  /** Consecutive failures that open the breaker (and a single caller's own circuit). */
  breakerThreshold: number;
  /** Distinct callers those failures must come from before the shared breaker opens. */
  breakerMinCallers: number;
  /** How long an open breaker fails fast before letting one probe through. */
  breakerHalfOpenMs: number;
  /**
   * The share of failing calls (percent; 0: off) over `breakerWindowMs`, once `breakerMinCalls`
   * calls ended in it, that also opens the breaker (failures from `breakerMinCallers` callers).
   */
  breakerFailurePercent?: number;
  breakerWindowMs?: number;
  breakerMinCalls?: number;
  /** Calls in flight at once; more wait in a queue of `maxQueue`, beyond that 503. */
  maxConcurrent: number;
  maxQueue: number;
}

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** ThinQ's push channel: THINQ_PUSH, THINQ_MQTT_*, THINQ_PUSH_SUBSCRIPTION_HOURS. */
export interface ThinqPushConfig {
  /** THINQ_PUSH: when false the event streams poll as before. */
  enabled: boolean;
  /** PEM text of THINQ_MQTT_CA_FILE: CAs trusted for the broker besides Node's public roots. */
  ca?: string;
  /** Hours an event subscription lasts (1 to 24); renewed after nine tenths of them. */
  subscriptionHours: number;
  keepaliveSeconds: number;
  /** The longest pause between two reconnection attempts. */
  reconnectMaxMs: number;
}

export class AppConfig {
  nodeEnv!: string;
  production!: boolean;
  port!: number;
  logLevel!: string;
  bodyLimitBytes!: number;
  /** Request bodies in flight at once, in bytes (GATEWAY_BODY_BUDGET_BYTES); a client gets an eighth. */
  bodyBudgetBytes!: number;
  /**
   * How long a body may take (GATEWAY_BODY_TIMEOUT_MS), between its bytes
   * (GATEWAY_BODY_IDLE_TIMEOUT_MS), and how long the rest of a body refused unread is drained
   * before the connection closes (GATEWAY_BODY_LINGER_MS).
   */
  bodyTimes!: { totalMs: number; idleMs: number; lingerMs: number };
  /** How long the answer to an `Idempotency-Key` is kept (IDEMPOTENCY_TTL_SECONDS). */
  idempotency!: { ttlSeconds: number };
  /**
   * Gateway processes on this machine (GATEWAY_WORKERS, `auto` = one per core). Above 1 a primary
   * process forks that many workers sharing the port (node:cluster); they share state through
   * Redis only, so that needs Redis, real upstreams and fixed keys.
   */
  workers!: number;
  /** Proxy hops in front of the gateway whose X-Forwarded-For is trusted (client IP for rate limits). */
  trustProxyHops!: number;
  redis!: {
    /** Single node URL; undefined with no cluster nodes means the in-memory sandbox store. */
    url?: string;
    /** Cluster seed nodes ("host:port"), from REDIS_CLUSTER_NODES. */
    clusterNodes: { host: string; port: number }[];
    keyPrefix: string;
  };
  nueyne!: { baseUrl?: string; timezone: string; timeouts: UpstreamTimeouts };
  thinq!: {
    /** A fixed URL, or a template with `{region}` (kic, eic, aic); undefined means the simulator. */
    baseUrl?: string;
    serviceId: string;
    serviceKey: string;
    timeouts: UpstreamTimeouts;
    /** Device status cache windows (THINQ_STATUS_FRESH_MS, _SWR_MS, _STALE_IF_ERROR_MS). */
    statusFreshMs: number;
    statusStaleWhileRevalidateMs: number;
    statusStaleIfErrorMs: number;
    /** Device profile cache lifetime (THINQ_PROFILE_TTL_MS). */
    profileTtlMs: number;
    /** Appliance list cache windows (THINQ_DEVICES_FRESH_MS, _SWR_MS, _STALE_IF_ERROR_MS). */
    devicesFreshMs: number;
    devicesStaleWhileRevalidateMs: number;
    devicesStaleIfErrorMs: number;
    /**
     * The gateway's own ThinQ call budget per linked account and rolling hour
     * (THINQ_HOURLY_CALL_BUDGET), kept below LG's unpublished per-user limit.
     */
    hourlyCallBudget: number;
    /** Calls of that budget only commands may spend (THINQ_COMMAND_RESERVE). */
    commandReserve: number;
    /** ThinQ's push channel (MQTT over mutual TLS). */
    push: ThinqPushConfig;
  };
  /** The response cache (src/cache). */
  cache!: {
    /** Lifetime of the cross-instance single-flight lock (CACHE_LOCK_TTL_MS). */
    lockTtlMs: number;
    /**
     * How long a read that holds a usable stale value waits for the upstream before it is
     * answered with that value (CACHE_REFRESH_WAIT_MS); the refresh carries on in the background.
     */
    refreshWaitMs: number;
  };
  /**
   * The per-instance near-cache (src/near-cache) of session validity, opened links and fresh
   * cache entries, kept coherent through Redis pub/sub.
   */
  nearCache!: {
    /**
     * A remembered value answers for at most this long after Redis said it (NEAR_CACHE_MAX_AGE_MS):
     * the bound on staleness when an invalidation message is lost. 0 turns the near-cache off.
     */
    maxAgeMs: number;
    /** Entries per instance (NEAR_CACHE_MAX_ENTRIES), least recently used out. */
    maxEntries: number;
  };
  /** Server-sent appliance events (GET /v1/appliances/events, src/features/appliance-events). */
  applianceEvents!: {
    /** A watched device's status is polled at most this often (APPLIANCE_EVENTS_POLL_MS). */
    pollMs: number;
    /** A watched account's appliance list is read this often (APPLIANCE_EVENTS_LIST_POLL_MS). */
    listPollMs: number;
    /**
     * While ThinQ push covers a device, its poller still reads it this often, in case a push was
     * lost; 0: never (APPLIANCE_EVENTS_PUSH_SAFETY_POLL_MS).
     */
    pushSafetyPollMs: number;
    /**
     * An account's push session stays this long after its last stream here closed (a reload
     * finds it open); 0: it closes at once (APPLIANCE_EVENTS_PUSH_IDLE_MS).
     */
    pushIdleMs: number;
    /** A comment line on every stream this often, for proxies (APPLIANCE_EVENTS_HEARTBEAT_MS). */
    heartbeatMs: number;
    /** The `retry:` a client waits before reconnecting (APPLIANCE_EVENTS_RETRY_MS). */
    retryMs: number;
    /** Open streams per session, across instances (APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION). */
    maxStreamsPerSession: number;
    /** Bytes a stream may have waiting for a slow client before it is dropped (APPLIANCE_EVENTS_BUFFER_BYTES). */
    bufferBytes: number;
    /** Events kept per device for Last-Event-ID (APPLIANCE_EVENTS_HISTORY). */
    historySize: number;
    /** How long a device's history outlives its last poll (APPLIANCE_EVENTS_HISTORY_MS). */
    historyMs: number;
    /**
     * Open streams' sessions and links are checked again this often (APPLIANCE_EVENTS_RECHECK_MS),
     * besides at once on every invalidation message: the bound when such a message is lost.
     */
    recheckMs: number;
  };
  interwater!: {
    baseUrl?: string;
    accessKey: string;
    secretKey: string;
    timeouts: UpstreamTimeouts;
  };
  auth!: {
    /** PKCS#8 PEM blocks: the first signs, the others still verify (rotation). Empty: generate one. */
    privateKeysPem: string[];
    encryptionKey?: Buffer;
    clients: ClientConfig[];
    issuer: string;
    audience: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
  };
  resilience!: {
    nueyne: UpstreamResilience;
    thinq: UpstreamResilience;
    interwater: UpstreamResilience;
    /** Retries may add at most this share of the calls in a 10 s window (plus a floor of 3). */
    retryBudgetPercent: number;
  };
  aggregates!: {
    /** Deadline of each upstream inside GET /v1/devices. */
    sourceTimeoutMs: number;
    /** One deadline for all of GET /v1/home. */
    homeDeadlineMs: number;
  };
  rateLimits!: Record<string, RateLimitRule>;
  /** Onboarding under /v1/accounts (sign-up, phone verification, recovery). */
  accounts!: {
    /** Lifetime of the gateway's phone-verification handle (ACCOUNTS_VERIFICATION_TTL_SECONDS). */
    verificationTtlSeconds: number;
    /** Body limit of the /v1/accounts routes (ACCOUNTS_BODY_LIMIT_BYTES), below the global one. */
    bodyLimitBytes: number;
    /** ISO 3166-1 alpha-2 regions SMS codes may go to (ACCOUNTS_SMS_REGIONS); empty: any. */
    smsRegions: string[];
  };
  cors!: { origins: string[] | '*' | false };
  tracing!: { otlpEndpoint?: string; serviceName: string };
  shutdown!: { drainMs: number; timeoutMs: number };
  sandbox!: {
    /**
     * Every upstream is a built-in simulator (no *_BASE_URL; never in production).
     */
    enabled: boolean;
    /**
     * Whether the published demo client `reports` was added to GATEWAY_CLIENTS: outside production,
     * when every upstream is simulated (built in, or the standalone sandbox on a loopback host) and
     * Interwater, the one its scopes reach, has the sandbox's credentials. When it was not (and
     * GATEWAY_CLIENTS does not define `reports`), `demoClientOmitted` says why; the start logs it.
     */
    demoClient: boolean;
    demoClientOmitted?: string;
    /** Lifetime of the simulated Nueyne access tokens (real Nueyne: 900 s). */
    nueyneAccessTtlSeconds: number;
    /** Cap on the simulated Interwater JWT lifetime. */
    interwaterMaxTtlSeconds: number;
  };
}
