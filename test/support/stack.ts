import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  createInterwaterSimulator,
  InterwaterSimulator,
} from '../../src/sandbox/interwater/interwater-simulator';
import { createNueyneSimulator, NueyneSimulator } from '../../src/sandbox/nueyne/nueyne.simulator';
import { listenSimulator, RunningSimulator } from '../../src/sandbox/simulator';
import {
  createThinqSimulator,
  ThinqSimulator,
  ThinqSimulatorOptions,
} from '../../src/sandbox/thinq/thinq-simulator';
import { DEFAULT_RATE_LIMITS } from '../../src/config/parse';
import { GatewayOptions, startGateway, TestGateway } from './gateway';

/** Every rate-limit group, far above what a test sends (for tests of something else). */
export const RELAXED_RATE_LIMITS: Readonly<
  Record<string, { limit: number; windowSeconds: number }>
> = Object.fromEntries(
  Object.keys(DEFAULT_RATE_LIMITS).map((group) => [group, { limit: 100_000, windowSeconds: 3600 }]),
);

export const DEMO_PASSWORD = 'junction-demo';
export const DEMO_USER = 'demo@junction.dev';
export const SERVICE_CLIENT = {
  id: 'reports',
  secret: 'reports-secret-0123456789',
  scopes: ['conference:read', 'conference:admin'],
};

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface TestStack {
  gateway: TestGateway;
  /** supertest target of the first gateway instance. */
  http: Parameters<typeof request>[0];
  nueyne: NueyneSimulator;
  thinq: ThinqSimulator;
  interwater: InterwaterSimulator;
  /** The env every gateway instance of this stack shares (same Redis prefix, keys, upstreams). */
  env: Record<string, string>;
  /** Starts one more gateway instance on the same Redis, keys and simulators. */
  startInstance(extraEnv?: Record<string, string>): Promise<TestGateway>;
  /** Password grant through the gateway (provider lux or legacy). */
  login(provider?: 'lux' | 'legacy', username?: string): Promise<TokenPair>;
  /**
   * A Lux user of its own (added to the Nueyne simulator, password DEMO_PASSWORD), for tests whose
   * links or ThinQ budget must not mix with another test's: links are per user.
   */
  newUser(): Promise<{ username: string; login(): Promise<TokenPair> }>;
  /** A service token (client_credentials) of SERVICE_CLIENT. */
  serviceToken(scope?: string): Promise<string>;
  close(): Promise<void>;
}

export interface StackOptions extends GatewayOptions {
  nueyneAccessTtlSeconds?: number;
  interwaterMaxTtlSeconds?: number;
  /** More for the ThinQ simulator (such as an external MQTT broker to publish to). */
  thinq?: ThinqSimulatorOptions;
}

/**
 * The three simulators on loopback ports plus a gateway pointed at them, as a deployment would be:
 * tests hold the simulators to inject faults and read what each one received.
 */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const nueyne = createNueyneSimulator({
    accessTokenTtlSeconds: options.nueyneAccessTtlSeconds ?? 900,
  });
  const thinq = createThinqSimulator({
    serviceId: 'junction-test',
    serviceKey: 'test-service-key',
    ...options.thinq,
  });
  const interwater = createInterwaterSimulator({
    accessKey: 'test-access-key',
    secretKey: 'test-secret-key',
    maxTtlSeconds: options.interwaterMaxTtlSeconds ?? 3600,
  });
  const running: RunningSimulator[] = await Promise.all([
    listenSimulator(nueyne),
    listenSimulator(thinq),
    listenSimulator(interwater),
  ]);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // ThinQ's push reaches the gateway as it would from LG: the simulator's Route API names its
  // MQTT broker, and the gateway trusts the broker's private CA from a file.
  const caDir = mkdtempSync(join(tmpdir(), 'junction-stack-'));
  const caFile = join(caDir, 'thinq-mqtt-ca.pem');
  writeFileSync(caFile, await thinq.caPem());
  const env: Record<string, string> = {
    REDIS_KEY_PREFIX: `s${randomBytes(4).toString('hex')}:`,
    NUEYNE_BASE_URL: running[0].url,
    THINQ_BASE_URL: running[1].url,
    THINQ_SERVICE_ID: 'junction-test',
    THINQ_SERVICE_KEY: 'test-service-key',
    THINQ_MQTT_CA_FILE: caFile,
    INTERWATER_BASE_URL: running[2].url,
    INTERWATER_ACCESS_KEY: 'test-access-key',
    INTERWATER_SECRET_KEY: 'test-secret-key',
    GATEWAY_JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    GATEWAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    GATEWAY_CLIENTS: JSON.stringify([SERVICE_CLIENT]),
    // Suites sign in far more often than a person; the rate-limit tests set their own limits.
    RATE_LIMITS: JSON.stringify({
      default: { limit: 100000, windowSeconds: 60 },
      auth: { limit: 100000, windowSeconds: 60 },
      'sign-in-failures': { limit: 1000, windowSeconds: 60 },
      'appliance-commands': { limit: 100000, windowSeconds: 60 },
    }),
    // A test closes its gateways when it is done: a production instance would first drain for
    // 5 s (SHUTDOWN_DRAIN_MS) for a load balancer there is none of. resilience.e2e-spec.ts sets it.
    SHUTDOWN_DRAIN_MS: '0',
    ...(options.env as Record<string, string> | undefined),
  };
  const instances: TestGateway[] = [];
  const startInstance = async (extraEnv: Record<string, string> = {}) => {
    const instance = await startGateway({
      env: { ...env, ...extraEnv },
      imports: options.imports,
      logDestination: options.logDestination,
    });
    instances.push(instance);
    return instance;
  };
  const gateway = await startInstance();
  const http = gateway.app.getHttpServer();
  const login = async (provider: 'lux' | 'legacy' = 'lux', username = DEMO_USER) => {
    const res = await request(http)
      .post('/v1/auth/token')
      .type('form')
      .send({ grant_type: 'password', provider, username, password: DEMO_PASSWORD });
    if (res.status !== 200)
      throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return {
      accessToken: res.body.access_token as string,
      refreshToken: res.body.refresh_token as string,
    };
  };

  return {
    gateway,
    http,
    nueyne,
    thinq,
    interwater,
    env,
    startInstance,
    login,
    newUser() {
      const users = nueyne.state.lux.users;
      const id = users.reduce((max, user) => Math.max(max, user.id), 0) + 1;
      const username = `user-${id}@junction.test`;
      const demo = users.find((user) => user.email === DEMO_USER)!;
      users.push({ ...structuredClone(demo), id, email: username, phone: `+8210555${id}` });
      return Promise.resolve({ username, login: () => login('lux', username) });
    },
    async serviceToken(scope?: string) {
      const res = await request(http)
        .post('/v1/auth/token')
        .auth(SERVICE_CLIENT.id, SERVICE_CLIENT.secret)
        .type('form')
        .send(
          scope
            ? { grant_type: 'client_credentials', scope }
            : { grant_type: 'client_credentials' },
        );
      if (res.status !== 200)
        throw new Error(`client_credentials failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.access_token as string;
    },
    async close() {
      // The simulators go first, dropping every connection: an upstream call still in flight (a
      // source cut at its deadline, a hang) would otherwise hold the gateway's close until the
      // call's own timeout, seconds per file.
      const simulators = Promise.allSettled(running.map((r) => r.close()));
      for (const r of running) r.simulator.app.server.closeAllConnections();
      await Promise.allSettled(instances.map((instance) => instance.close()));
      await simulators;
      rmSync(caDir, { recursive: true, force: true });
    },
  };
}
