import {
  ApplianceCommandFor,
  ApplianceEvent,
  ApplianceStatus,
  createJunctionClient,
  JunctionClient,
  ProblemError,
  Tokens,
  unwrap,
} from '../sdk/src/junction';
import { ListeningGateway, startListeningGateway } from './support/listening-gateway';
import { DEMO_PASSWORD, DEMO_USER } from './support/stack';

/**
 * The generated SDK (sdk/) as a frontend and a service use it, against a started sandbox gateway:
 * the typed openapi-fetch client over real HTTP, with sign-in, renewal and typed errors.
 */
describe('TypeScript SDK against the sandbox', () => {
  let sandbox: ListeningGateway;
  /** The grant of every token request the clients sent. */
  let grants: string[];
  const recordingFetch = async (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname === '/v1/auth/token') {
      grants.push((JSON.parse(await request.clone().text()) as { grant_type: string }).grant_type);
    }
    return fetch(request);
  };
  const client = (options: { tokens?: Tokens; onTokens?: (t: Tokens | undefined) => void } = {}) =>
    createJunctionClient({ baseUrl: sandbox.baseUrl, fetch: recordingFetch, ...options });

  beforeAll(async () => {
    sandbox = await startListeningGateway();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    grants = [];
  });

  it('signs in, links ThinQ, lists appliances, reads a status, sends a command and reads /v1/home', async () => {
    const junction = client();
    const tokens = await junction.signIn({ username: DEMO_USER, password: DEMO_PASSWORD });
    expect(tokens.scope).toBe('profile therapy appliances conference:read');
    expect(tokens.refreshToken).toMatch(/^rt1\./);

    const link = await unwrap(
      junction.api.PUT('/v1/me/links/thinq', {
        body: { accessToken: 'thinq-demo-token', countryCode: 'KR' },
      }),
    );
    expect(link).toMatchObject({ provider: 'thinq', linked: true });

    const appliances = await unwrap(junction.api.GET('/v1/appliances'));
    const airConditioner = appliances.find((a) => a.deviceType === 'DEVICE_AIR_CONDITIONER');
    expect(airConditioner).toBeDefined();
    const path = { deviceId: airConditioner!.deviceId };

    const status = await unwrap(
      junction.api.GET('/v1/appliances/{deviceId}/status', { params: { path } }),
    );
    expect(status.temperature).toBeDefined();

    const sent = await unwrap(
      junction.api.POST('/v1/appliances/{deviceId}/commands', {
        params: { path },
        body: { temperature: { targetTemperature: 23.5 } },
      }),
    );
    expect(sent).toBeUndefined(); // 204
    const after = await unwrap(
      junction.api.GET('/v1/appliances/{deviceId}/status', { params: { path } }),
    );
    expect(after.temperature).toMatchObject({ targetTemperature: 23.5 });

    const home = await unwrap(junction.api.GET('/v1/home'));
    expect(home.profile).toMatchObject({ firstName: 'Jiwoo' });
    expect(home.devices.map((d) => d.id)).toContain(`thinq:${airConditioner!.deviceId}`);
    expect(home.errors).toEqual([]);
    expect(grants).toEqual(['password']);
  });

  it('narrows each real status on deviceType, and sends a command typed for that type', async () => {
    const junction = client();
    await junction.signIn({ username: DEMO_USER, password: DEMO_PASSWORD });
    await unwrap(
      junction.api.PUT('/v1/me/links/thinq', {
        body: { accessToken: 'thinq-demo-token', countryCode: 'KR' },
      }),
    );
    const appliances = await unwrap(junction.api.GET('/v1/appliances'));
    const online = appliances.filter((a) => a.deviceType !== 'DEVICE_WASHER'); // the washer is offline
    const seen: Record<string, unknown> = {};
    for (const appliance of online) {
      const status: ApplianceStatus = await unwrap(
        junction.api.GET('/v1/appliances/{deviceId}/status', {
          params: { path: { deviceId: appliance.deviceId } },
        }),
      );
      expect(status.deviceType).toBe(appliance.deviceType);
      switch (status.deviceType) {
        case 'DEVICE_AIR_CONDITIONER': {
          seen[status.deviceType] = status.airConJobMode?.currentJobMode;
          const command: ApplianceCommandFor<typeof status.deviceType> = {
            airConJobMode: { currentJobMode: 'FAN' },
          };
          await unwrap(
            junction.api.POST('/v1/appliances/{deviceId}/commands', {
              params: { path: { deviceId: appliance.deviceId } },
              body: command,
            }),
          );
          break;
        }
        case 'DEVICE_AIR_PURIFIER':
          seen[status.deviceType] = status.airQualitySensor?.PM10;
          break;
        case 'DEVICE_REFRIGERATOR':
          seen[status.deviceType] = status.temperature?.map((entry) => entry.locationName);
          break;
        case 'DEVICE_WASHTOWER_WASHER':
          seen[status.deviceType] = status.runState?.currentState;
          break;
        case 'DEVICE_WASHTOWER_DRYER':
          seen[status.deviceType] = status.timer?.remainMinute;
          break;
        default:
          seen[status.deviceType] = 'untyped';
      }
    }
    expect(seen).toEqual({
      DEVICE_AIR_CONDITIONER: 'COOL',
      DEVICE_AIR_PURIFIER: expect.any(Number),
      DEVICE_REFRIGERATOR: ['FRIDGE', 'FREEZER'],
      DEVICE_WASHTOWER_WASHER: 'INITIAL',
      DEVICE_WASHTOWER_DRYER: expect.any(Number),
    });
    const airConditioner = online.find((a) => a.deviceType === 'DEVICE_AIR_CONDITIONER')!;
    const after = await unwrap(
      junction.api.GET('/v1/appliances/{deviceId}/status', {
        params: { path: { deviceId: airConditioner.deviceId } },
      }),
    );
    expect(
      after.deviceType === 'DEVICE_AIR_CONDITIONER' && after.airConJobMode?.currentJobMode,
    ).toBe('FAN');
  });

  it('sends an Idempotency-Key with every command; the same key given twice runs the command once', async () => {
    const keysSent: (string | null)[] = [];
    const junction = createJunctionClient({
      baseUrl: sandbox.baseUrl,
      fetch: (request) => {
        if (request.url.endsWith('/commands'))
          keysSent.push(request.headers.get('idempotency-key'));
        return fetch(request);
      },
    });
    await junction.signIn({ username: DEMO_USER, password: DEMO_PASSWORD });
    await unwrap(
      junction.api.PUT('/v1/me/links/thinq', {
        body: { accessToken: 'thinq-demo-token', countryCode: 'KR' },
      }),
    );
    const [appliance] = await unwrap(junction.api.GET('/v1/appliances'));
    const path = { deviceId: appliance.deviceId };
    const body = { operation: { airConOperationMode: 'POWER_ON' } };
    const send = (headers?: { 'Idempotency-Key': string }) =>
      junction.api.POST('/v1/appliances/{deviceId}/commands', {
        params: { path, header: headers },
        body,
      });
    await send();
    await send();
    const retry = { 'Idempotency-Key': 'a-key-of-the-app-0001' };
    const first = await send(retry);
    const again = await send(retry);
    expect(keysSent).toHaveLength(4);
    expect(keysSent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keysSent[1]).not.toBe(keysSent[0]);
    expect(keysSent.slice(2)).toEqual(['a-key-of-the-app-0001', 'a-key-of-the-app-0001']);
    expect([first.response.status, again.response.status]).toEqual([204, 204]);
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
  });

  it('follows the appliances live: a snapshot, the change a command makes, and a ProblemError when the session ends', async () => {
    const junction = client();
    await junction.signIn({ username: DEMO_USER, password: DEMO_PASSWORD });
    await unwrap(
      junction.api.PUT('/v1/me/links/thinq', {
        body: { accessToken: 'thinq-demo-token', countryCode: 'KR' },
      }),
    );
    const appliances = await unwrap(junction.api.GET('/v1/appliances'));
    const purifier = appliances.find((a) => a.deviceType === 'DEVICE_AIR_PURIFIER')!.deviceId;
    const events = junction.applianceEvents({ deviceIds: [purifier] });
    const first = await events.next();
    expect(first.value).toMatchObject({ event: 'snapshot', data: { deviceId: purifier } });
    const snapshot = first.value as ApplianceEvent & { event: 'snapshot' };
    const wind = snapshot.data.status.airFlow as { windStrength: string };
    const next = wind.windStrength === 'HIGH' ? 'LOW' : 'HIGH';
    await unwrap(
      junction.api.POST('/v1/appliances/{deviceId}/commands', {
        params: { path: { deviceId: purifier } },
        body: { airFlow: { windStrength: next } },
      }),
    );
    let change: ApplianceEvent | undefined;
    while (change?.event !== 'status') change = (await events.next()).value as ApplianceEvent;
    expect(change.data).toEqual({
      deviceId: purifier,
      status: { airFlow: { windStrength: next } },
    });
    expect(change.id).toMatch(/^[A-Za-z0-9_-]{8}\.[0-9a-z]+$/);
    await junction.signOut();
    await expect(events.next()).rejects.toMatchObject({
      name: 'ProblemError',
      code: 'INVALID_TOKEN',
    });
  });

  it('throws problem+json answers as a typed ProblemError with the code and field errors', async () => {
    const junction = client();
    await junction.signIn({ username: DEMO_USER, password: DEMO_PASSWORD });
    // The sandbox's demo user comes linked (a link is the user's): unlink it to be refused.
    await junction.api.DELETE('/v1/me/links/thinq');
    const notLinked = await unwrap(junction.api.GET('/v1/appliances')).catch((e: unknown) => e);
    expect(notLinked).toBeInstanceOf(ProblemError);
    expect(notLinked).toMatchObject({ status: 403, code: 'ACCOUNT_NOT_LINKED' });

    await unwrap(
      junction.api.PUT('/v1/me/links/thinq', {
        body: { accessToken: 'thinq-demo-token', countryCode: 'KR' },
      }),
    );
    const [device] = await unwrap(junction.api.GET('/v1/appliances'));
    const refused = await unwrap(
      junction.api.POST('/v1/appliances/{deviceId}/commands', {
        params: { path: { deviceId: device.deviceId } },
        body: { nothing: { here: 1 } },
      }),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProblemError);
    const problem = (refused as ProblemError).problem;
    expect(problem).toMatchObject({ status: 400, code: 'INVALID_COMMAND' });
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'nothing' }));
    expect((refused as ProblemError).requestId).toEqual(expect.any(String));
  });

  it('renews a refused access token once for all the calls refused at that moment, and sends them again', async () => {
    const signedIn = client();
    const tokens = await signedIn.signIn({ username: DEMO_USER, password: DEMO_PASSWORD });
    // A token the gateway refuses (401 invalid_token), as an expired one is, with a good refresh token.
    const [header, payload, signature] = tokens.accessToken.split('.');
    const refused = `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
    const seen: (Tokens | undefined)[] = [];
    const junction = client({
      tokens: { ...tokens, accessToken: refused },
      onTokens: (t) => seen.push(t),
    });
    grants = [];
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => unwrap(junction.api.GET('/v1/me/links'))),
    );
    for (const links of answers) expect(links.lux).toMatchObject({ linked: true });
    // One refresh (the refresh token rotates: a second would have ended the session).
    expect(grants).toEqual(['refresh_token']);
    expect(seen).toHaveLength(1);
    expect(junction.tokens?.accessToken).not.toBe(refused);
    expect(junction.tokens?.refreshToken).not.toBe(tokens.refreshToken);
  });

  it('drops the tokens when the session has ended elsewhere, and the call answers its 401', async () => {
    const seen: (Tokens | undefined)[] = [];
    const junction = client({ onTokens: (t) => seen.push(t) });
    const tokens = await junction.signIn({ username: DEMO_USER, password: DEMO_PASSWORD });
    // Another device of the same session signs out: its refresh token ends the session.
    await client({ tokens }).signOut();
    const answer = await unwrap(junction.api.GET('/v1/me/links')).catch((e: unknown) => e);
    expect(answer).toBeInstanceOf(ProblemError);
    expect(answer).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });
    expect(grants).toEqual(['password', 'refresh_token']);
    expect(junction.tokens).toBeUndefined();
    expect(seen.at(-1)).toBeUndefined();
  });

  it('signs a service in with client credentials (the sandbox demo client) and reads conference sessions', async () => {
    const service: JunctionClient = client();
    const tokens = await service.signInAsService({
      clientId: 'reports',
      clientSecret: 'reports-secret-0123456789',
      scope: 'conference:read',
    });
    expect(tokens.refreshToken).toBeUndefined();
    const sessions = await unwrap(service.api.GET('/v1/conference/sessions'));
    expect(Array.isArray(sessions)).toBe(true);
  });
});
