import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { errorFrom, JunctionError, OAuthError, ProblemError } from './errors.js';
import { type ApplianceEvent, EventStreamParser } from './events.js';
import { IDEMPOTENT_OPERATIONS, type components, type paths } from './schema.js';

export { JunctionError, OAuthError, ProblemError } from './errors.js';
export type { ErrorCode, OAuthErrorBody, Problem } from './errors.js';
export type {
  ApplianceCommand,
  ApplianceCommandFor,
  ApplianceCommands,
  ApplianceDeviceType,
  ApplianceStatus,
  ApplianceStatusOf,
  TypedDeviceType,
} from './appliances.js';
export { EventStreamParser } from './events.js';
export type { ApplianceEvent, ApplianceEventData, RawEvent } from './events.js';
export type { components, operations, paths } from './schema.js';

/** The typed openapi-fetch client of the whole API: `api.GET('/v1/me')`, `api.POST(...)`. */
export type JunctionApi = Client<paths>;
/** Every schema of the API by name, e.g. `Schemas['ApplianceDto']`. */
export type Schemas = components['schemas'];

type TokenRequest = Schemas['TokenRequestDto'];
type TokenResponse = Schemas['TokenResponseDto'];

/** What the client holds after a sign-in. */
export interface Tokens {
  accessToken: string;
  /** User sessions only; single use (every refresh returns a new one). */
  refreshToken?: string;
  /** When the access token expires (epoch milliseconds, by this client's clock). */
  expiresAt: number;
  scope: string;
}

export interface JunctionClientOptions {
  /** The gateway, e.g. `https://api.example.com` or `http://localhost:3000`. */
  baseUrl: string;
  /** A fetch of your own (tests, instrumentation); the global fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
  /** Sign users in through this public client (no secret), e.g. `junction-docs`; none by default. */
  clientId?: string;
  /** Tokens saved from an earlier run (see `onTokens`). */
  tokens?: Tokens;
  /** Called whenever the tokens change (sign-in, refresh, sign-out, a session that ended): persist them here. */
  onTokens?: (tokens: Tokens | undefined) => void;
  /** Renew this long before the access token expires, instead of waiting for a 401 (default 10 s). */
  renewBeforeMs?: number;
}

export interface UserCredentials {
  username: string;
  password: string;
  /** The Nueyne product; `lux` when absent. */
  provider?: 'lux' | 'legacy';
  /** Space-separated; narrows the default scopes. */
  scope?: string;
}

export interface ServiceCredentials {
  clientId: string;
  clientSecret: string;
  scope?: string;
}

export interface ApplianceEventsOptions {
  /** Only these devices; every appliance of the linked account (and list changes) by default. */
  deviceIds?: string[];
  /** Resume after this event id (one the stream gave earlier). */
  lastEventId?: string;
  /** Abort it to close the stream (so does leaving the `for await` loop). */
  signal?: AbortSignal;
  /** Connect again after a network failure, the end of the stream or a `shutdown` event (default true). */
  reconnect?: boolean;
}

/** The success data of an openapi-fetch answer (its union's success member). */
export type DataOf<A> = A extends { data: infer D; error?: never } ? D : never;

/**
 * The data of a call, or a typed error: `ProblemError` (problem+json, with `code`), `OAuthError`
 * (token endpoint) or `JunctionError`. A 204 gives `undefined`.
 */
export async function unwrap<A extends { data?: unknown; error?: unknown; response: Response }>(
  call: Promise<A>,
): Promise<DataOf<A>> {
  const answer = await call;
  if (answer.response.ok) return answer.data as DataOf<A>;
  throw errorFrom(answer.response, answer.error);
}

interface Sent {
  /** A copy of the request as sent, to send again after a renewal. */
  copy: Request;
  accessToken: string;
}

/**
 * The Junction client: the generated `api`, plus sign-in, token renewal and typed errors.
 *
 * Every call carries the access token. When the gateway refuses it (401 `invalid_token`: expired,
 * or the session was revoked) the client renews it once, however many calls were refused at the
 * same moment (one refresh, shared; the refresh token rotates, so two would end the session), then
 * sends each of those calls again. A user session renews with its refresh token, a service with
 * its client credentials. When renewal is refused, the tokens are dropped (`onTokens(undefined)`)
 * and the call answers its 401.
 */
export class JunctionClient {
  readonly api: JunctionApi;
  private current: Tokens | undefined;
  private service: ServiceCredentials | undefined;
  private renewal: Promise<Tokens | undefined> | undefined;
  private readonly sent = new Map<string, Sent>();
  private readonly send: (request: Request) => Promise<Response>;
  private readonly renewBeforeMs: number;

  constructor(private readonly options: JunctionClientOptions) {
    this.send = options.fetch ?? ((request) => globalThis.fetch(request));
    this.renewBeforeMs = options.renewBeforeMs ?? 10_000;
    this.current = options.tokens;
    this.api = createClient<paths>({ baseUrl: options.baseUrl, fetch: this.send });
    this.api.use(idempotencyKeys(), this.bearer());
  }

  /** The tokens held now (undefined when signed out). */
  get tokens(): Tokens | undefined {
    return this.current;
  }

  /** Password grant: signs a user in (Lux by default) and keeps the tokens. */
  async signIn(credentials: UserCredentials): Promise<Tokens> {
    this.service = undefined;
    const body: TokenRequest = { grant_type: 'password', ...credentials };
    if (this.options.clientId) body.client_id = this.options.clientId;
    return this.keep(await this.token(body));
  }

  /** Client credentials: a service token; renewed with the same credentials when it expires. */
  async signInAsService(credentials: ServiceCredentials): Promise<Tokens> {
    this.service = credentials;
    return this.keep(await this.token(serviceGrant(credentials)));
  }

  /** Revokes the session (user) or the token (service) and forgets the tokens. */
  async signOut(): Promise<void> {
    const tokens = this.current;
    this.keep(undefined);
    this.service = undefined;
    if (!tokens) return;
    await unwrap(
      this.api.POST('/v1/auth/revoke', {
        body: { token: tokens.refreshToken ?? tokens.accessToken },
      }),
    );
  }

  /**
   * The linked ThinQ account's appliances, live (`GET /v1/appliances/events`), as an async
   * iterator of typed events: `for await (const e of junction.applianceEvents()) ...`. It runs on
   * fetch with the bearer token (renewed like any call), so it needs no ticket. After a network
   * failure, the end of the stream or a `shutdown` event it connects again once the server's
   * `retry:` has passed, resuming with `Last-Event-ID` (what was missed, or fresh snapshots). An
   * `error` event (the session ended, the link was removed) or a refused connection throws a
   * `ProblemError`. Leave the loop or abort `signal` to close it.
   */
  async *applianceEvents(
    options: ApplianceEventsOptions = {},
  ): AsyncGenerator<ApplianceEvent, void, undefined> {
    let lastEventId = options.lastEventId;
    let retryMs = 3000;
    const again = options.reconnect !== false;
    for (;;) {
      let body: ReadableStream<Uint8Array> | null | undefined;
      try {
        const answer = await this.api.GET('/v1/appliances/events', {
          params: {
            query: options.deviceIds ? { deviceId: options.deviceIds } : {},
            header: lastEventId ? { 'Last-Event-ID': lastEventId } : {},
          },
          parseAs: 'stream',
          signal: options.signal,
        });
        if (!answer.response.ok) throw errorFrom(answer.response, answer.error);
        body = answer.data;
      } catch (error) {
        if (error instanceof JunctionError || options.signal?.aborted || !again) throw error;
      }
      if (body) {
        const reader = body.getReader();
        const decoder = new TextDecoder();
        const parser = new EventStreamParser();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            for (const raw of parser.push(decoder.decode(value, { stream: true }))) {
              if (raw.retry !== undefined) retryMs = raw.retry;
              if (!raw.event) continue;
              if (raw.id !== undefined) lastEventId = raw.id;
              const event = {
                event: raw.event,
                id: raw.id ?? '',
                data: JSON.parse(raw.data) as unknown,
              } as ApplianceEvent;
              if (event.event === 'error') throw new ProblemError(event.data);
              yield event;
            }
          }
        } catch (error) {
          if (error instanceof JunctionError || options.signal?.aborted || !again) throw error;
        } finally {
          await reader.cancel().catch(() => undefined);
        }
      }
      if (!again || options.signal?.aborted) return;
      await pause(retryMs, options.signal);
    }
  }

  private async token(body: TokenRequest): Promise<TokenResponse> {
    return unwrap(this.api.POST('/v1/auth/token', { body }));
  }

  private keep(response: TokenResponse): Tokens;
  private keep(response: undefined): undefined;
  private keep(response: TokenResponse | undefined): Tokens | undefined {
    this.current = response && {
      accessToken: response.access_token,
      refreshToken: response.refresh_token,
      expiresAt: Date.now() + response.expires_in * 1000,
      scope: response.scope,
    };
    this.options.onTokens?.(this.current);
    return this.current;
  }

  /** Fresh tokens for a call that was refused with `accessToken`: one renewal for all such calls. */
  private async fresh(accessToken: string): Promise<Tokens | undefined> {
    if (this.current && this.current.accessToken !== accessToken) return this.current;
    return this.renew();
  }

  private renew(): Promise<Tokens | undefined> {
    this.renewal ??= this.requestRenewal().finally(() => {
      this.renewal = undefined;
    });
    return this.renewal;
  }

  private async requestRenewal(): Promise<Tokens | undefined> {
    const refreshToken = this.current?.refreshToken;
    const body: TokenRequest | undefined = this.service
      ? serviceGrant(this.service)
      : refreshToken
        ? { grant_type: 'refresh_token', refresh_token: refreshToken }
        : undefined;
    if (!body) return this.keep(undefined);
    try {
      return this.keep(await this.token(body));
    } catch (error) {
      // The session ended or the client was removed: signed out. Anything else (the gateway is
      // unreachable, 503) leaves the tokens for the next try.
      if (error instanceof OAuthError && (error.status === 400 || error.status === 401))
        return this.keep(undefined);
      throw error;
    }
  }

  /** Sends the access token with every call but the token endpoint's, and renews it when refused. */
  private bearer(): Middleware {
    return {
      onRequest: async ({ request, schemaPath, id }) => {
        if (schemaPath.startsWith('/v1/auth/') || request.headers.has('authorization')) return;
        let tokens = this.current;
        if (tokens && tokens.expiresAt - this.renewBeforeMs <= Date.now())
          tokens = (await this.renew()) ?? undefined;
        if (!tokens) return;
        request.headers.set('authorization', `Bearer ${tokens.accessToken}`);
        this.sent.set(id, { copy: request.clone(), accessToken: tokens.accessToken });
        return request;
      },
      onResponse: async ({ response, id }) => {
        const sent = this.sent.get(id);
        this.sent.delete(id);
        const refused =
          response.status === 401 &&
          (response.headers.get('www-authenticate') ?? '').includes('error="invalid_token"');
        if (!sent || !refused) return;
        const tokens = await this.fresh(sent.accessToken);
        if (!tokens) return;
        sent.copy.headers.set('authorization', `Bearer ${tokens.accessToken}`);
        return this.send(sent.copy);
      },
      onError: ({ id }) => {
        this.sent.delete(id);
      },
    };
  }
}

const IDEMPOTENT = new Set(IDEMPOTENT_OPERATIONS);

/**
 * A new `Idempotency-Key` on every call of an operation that takes one and was not given one, so a
 * call this client sends again (a renewal after 401) runs once. To make an app's own retry safe (the
 * answer was lost), pass the same key to both calls: `params: { header: { 'Idempotency-Key': key } }`.
 */
function idempotencyKeys(): Middleware {
  return {
    onRequest: ({ request, schemaPath }) => {
      if (!IDEMPOTENT.has(`${request.method} ${schemaPath}`)) return;
      if (request.headers.has('idempotency-key')) return;
      request.headers.set('idempotency-key', globalThis.crypto.randomUUID());
      return request;
    },
  };
}

/** Waits `ms` (less if `signal` aborts). */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

function serviceGrant(credentials: ServiceCredentials): TokenRequest {
  const body: TokenRequest = {
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  };
  if (credentials.scope) body.scope = credentials.scope;
  return body;
}

/** A client for the gateway at `options.baseUrl`. */
export function createJunctionClient(options: JunctionClientOptions): JunctionClient {
  return new JunctionClient(options);
}
