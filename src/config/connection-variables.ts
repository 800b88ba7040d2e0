import {
  REDIS,
  RESILIENCE,
  SECOND,
  SERVER,
  UPSTREAM,
  Variable,
  integer,
  perUpstream,
  text,
} from './variable';

/** Where the gateway runs and what it talks to: server, Redis, upstreams and their resilience. */
export const CONNECTION_VARIABLES: readonly Variable[] = [
  integer(SERVER, 'PORT', 'port', [0, 65535], 3000, 'listen port'),
  text(
    SERVER,
    'NODE_ENV',
    '`development`',
    '`production` refuses simulators and generated keys, and requires Redis, keys and upstream credentials',
  ),
  text(
    SERVER,
    'LOG_LEVEL',
    '`info`',
    'pino level (`fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`); `debug` adds one line per upstream call (upstream, method, route template, status, ms)',
  ),
  text(
    SERVER,
    'GATEWAY_WORKERS',
    '`1`',
    'gateway processes on this machine, 1 to 64 (`auto`: one per CPU the process may run on, which ignores a container\u2019s CPU quota); above 1 a node:cluster primary supervises them; needs Redis, upstream URLs and both gateway keys',
  ),
  integer(
    SERVER,
    'GATEWAY_TRUST_PROXY_HOPS',
    'count',
    [0, 10],
    0,
    'proxies whose `X-Forwarded-For` is trusted (the client IP of per-IP limits and body shares)',
  ),
  text(
    SERVER,
    'CORS_ORIGINS',
    '`http://localhost:*` outside production',
    '`*` or a comma-separated list of origins; unset in production: no CORS. The sandbox default also takes `127.0.0.1` and `[::1]`',
  ),

  text(
    REDIS,
    'REDIS_URL',
    'unset: in-memory store (sandbox only, warned)',
    '`redis://` or `rediss://` single node',
  ),
  text(
    REDIS,
    'REDIS_CLUSTER_NODES',
    'unset',
    '`host:port,host:port` seeds of a Redis Cluster (ioredis Cluster); the password comes from `REDIS_URL` if set',
  ),
  text(REDIS, 'REDIS_KEY_PREFIX', '`junction:`', 'prefix of every key and channel'),

  text(
    UPSTREAM,
    'NUEYNE_BASE_URL',
    'unset: the built-in simulator',
    'e.g. `https://app.nueyne.dev`',
  ),
  text(UPSTREAM, 'NUEYNE_TIMEZONE', '`UTC`', 'IANA zone of Nueyne\u2019s offset-less timestamps'),
  text(
    UPSTREAM,
    'THINQ_BASE_URL',
    'unset: the built-in simulator',
    'a fixed URL, or a template such as `https://{region}-connect.lgthinq.com`: then the host follows the linked account\u2019s country (KIC, EIC, AIC)',
  ),
  text(UPSTREAM, 'THINQ_SERVICE_ID', 'a sandbox value', 'ThinQ partner service id'),
  text(UPSTREAM, 'THINQ_SERVICE_KEY', 'a sandbox value', 'ThinQ partner service key'),
  text(
    UPSTREAM,
    'THINQ_PUSH',
    '`on`',
    '`on` or `off`: take appliance status from ThinQ\u2019s push channel (MQTT over mutual TLS, one client and certificate per linked account, registered once); `off`: the event streams poll as before',
  ),
  text(
    UPSTREAM,
    'THINQ_MQTT_CA_FILE',
    'unset: Node\u2019s public roots only',
    'a PEM file of CA certificates trusted for ThinQ\u2019s MQTT broker besides Node\u2019s public roots (Amazon Root CA 1, where LG\u2019s broker lives, is among them): a private broker such as the sandbox\u2019s or a test\u2019s',
  ),
  integer(
    UPSTREAM,
    'THINQ_PUSH_SUBSCRIPTION_HOURS',
    'count',
    [1, 24],
    24,
    'hours a watched appliance\u2019s ThinQ event subscription lasts (LG allows 1 to 24); it is renewed after nine tenths of them for as long as the appliance is watched (one ThinQ call each)',
  ),
  integer(
    UPSTREAM,
    'THINQ_MQTT_KEEPALIVE_SECONDS',
    'seconds',
    [2, 1200],
    5,
    "MQTT keepalive of the push channel: a broker that stops answering is noticed within one and a half to two of it (5 s: within 10 s, when polling takes over; LG's SDK uses 6)",
  ),
  integer(
    UPSTREAM,
    'THINQ_MQTT_RECONNECT_MAX_MS',
    'ms',
    [1000, 600000],
    15 * SECOND,
    'the push channel reconnects after 1 s, doubling (jittered) up to this; the event streams poll meanwhile',
  ),
  text(
    UPSTREAM,
    'INTERWATER_BASE_URL',
    'unset: the built-in simulator',
    'e.g. `https://api.interwater.biz`',
  ),
  text(
    UPSTREAM,
    'INTERWATER_ACCESS_KEY',
    'a sandbox value',
    'the gateway\u2019s own Interwater access key',
  ),
  text(
    UPSTREAM,
    'INTERWATER_SECRET_KEY',
    'a sandbox value',
    'the gateway\u2019s own Interwater secret key',
  ),

  ...perUpstream('TIMEOUT_MS', (name) =>
    integer(RESILIENCE, name, 'ms', [50, 120000], 10 * SECOND, 'total time of one upstream call'),
  ),
  ...perUpstream('CONNECT_TIMEOUT_MS', (name) =>
    integer(RESILIENCE, name, 'ms', [50, 60000], 2 * SECOND, 'TCP/TLS connect timeout'),
  ),
  ...perUpstream('RETRIES', (name, prefix) =>
    integer(
      RESILIENCE,
      name,
      'count',
      [0, 5],
      prefix === 'THINQ' ? 1 : 2,
      prefix === 'THINQ'
        ? 'extra attempts for idempotent calls on connection errors, timeouts, 502/503/504 (jittered exponential backoff); one only, as each retry spends the user\u2019s hourly ThinQ quota'
        : 'extra attempts for idempotent calls on connection errors, timeouts, 502/503/504 (jittered exponential backoff)',
    ),
  ),
  integer(
    RESILIENCE,
    'UPSTREAM_RETRY_BUDGET_PERCENT',
    'percent',
    [0, 100],
    20,
    'retries may add at most this share of calls in a 10 s window (floor 3), so an outage is not multiplied',
  ),
  ...perUpstream('BREAKER_THRESHOLD', (name) =>
    integer(
      RESILIENCE,
      name,
      'count',
      [1, 1000],
      5,
      'consecutive upstream faults (timeouts, connection errors, 5xx; never a 4xx) that open the upstream\u2019s circuit, once they come from enough callers; the same count opens one caller\u2019s own circuit',
    ),
  ),
  ...perUpstream('BREAKER_MIN_CALLERS', (name) =>
    integer(
      RESILIENCE,
      name,
      'count',
      [1, 100],
      3,
      'distinct callers (accounts, service clients, anonymous IPs) those failures must come from before the shared circuit opens (docs/operations.md, Abuse and failure model)',
    ),
  ),
  ...perUpstream('BREAKER_HALF_OPEN_MS', (name) =>
    integer(
      RESILIENCE,
      name,
      'ms',
      [100, 600000],
      10 * SECOND,
      'how long the circuit stays open before one probe call',
    ),
  ),
  ...perUpstream('BREAKER_FAILURE_PERCENT', (name) =>
    integer(
      RESILIENCE,
      name,
      'percent',
      [0, 100],
      25,
      'the circuit also opens when this share of the calls that ended in the window failed (from `*_BREAKER_MIN_CALLERS` callers): a brownout never fails five calls in a row; `0` turns it off',
    ),
  ),
  ...perUpstream('BREAKER_WINDOW_MS', (name) =>
    integer(RESILIENCE, name, 'ms', [1000, 600000], 10 * SECOND, 'the window of that share'),
  ),
  ...perUpstream('BREAKER_MIN_CALLS', (name) =>
    integer(
      RESILIENCE,
      name,
      'count',
      [1, 100000],
      20,
      'calls that must have ended in the window before the share counts',
    ),
  ),
  ...perUpstream('MAX_CONCURRENT', (name) =>
    integer(
      RESILIENCE,
      name,
      'count',
      [1, 10000],
      64,
      'bulkhead: calls in flight to the upstream; beyond it and its queue, 503 at once',
    ),
  ),
  ...perUpstream('MAX_QUEUE', (name) =>
    integer(
      RESILIENCE,
      name,
      'count',
      [0, 100000],
      128,
      'bulkhead: calls that may wait for a place',
    ),
  ),
];
