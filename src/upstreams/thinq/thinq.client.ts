import { Injectable, Logger, Optional } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { LinkedAccounts } from '../../auth/links/linked-accounts.service';
import { RequestContext } from '../../common/context/request-context';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config/app-config';
import { vendorText } from '../http/upstream-http.client';
import { HttpMethod, UpstreamResponse } from '../http/upstream-http.types';
import { upstreamPath } from '../http/upstream-path';
import { ThinqBudget, ThinqCallKind } from './thinq-budget';
import { THINQ_RATE_LIMIT_RETRY_SECONDS, thinqProblem } from './thinq-errors';
import { normalizeCountry, thinqRegionOf } from './thinq-regions';
import { ThinqHttp } from './thinq.http';
import { ThinqDevice, toThinqDevice } from './thinq.mappers';
import type {
  ThinqDeviceVendor,
  ThinqEnvelopeVendor,
  ThinqErrorBodyVendor,
} from './vendor/thinq.vendor';
import { isObject } from '../../common/is-object';

/** The linked ThinQ account a call acts for. */
export interface ThinqAccount {
  accessToken: string;
  countryCode: string;
  /** When the account was linked (epoch ms): a new link is a new generation of cached data. */
  linkedAt?: number;
  /**
   * The gateway user whose link this is: the budget is counted for the account as that link
   * (every session and token of it), and ThinQ refusing the token drops that link.
   */
  owner?: string;
}

/** A profile or status document: resources by name (located resources are arrays). */
export type ThinqDocument = Record<string, unknown>;

const ROUTES = {
  devices: 'GET /v2/devices',
  profile: 'GET /v2/devices/profile/:deviceId',
  status: 'GET /v2/devices/status/:deviceId',
  control: 'POST /v2/devices/control/:deviceId',
} as const;

/** url-safe base64 of 16 random bytes without padding: 22 characters, new for every call. */
export function newMessageId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The four ThinQ Connect v2 device routes: LG's headers on every call, the account's regional
 * host, the envelope removed, and every failure translated through the one error table. Every
 * call (retries included) is counted against the account's hourly budget (ThinqBudget) first;
 * a spent budget is 429 UPSTREAM_QUOTA_EXHAUSTED without a call.
 */
@Injectable()
export class ThinqClient {
  private readonly logger = new Logger('ThinqClient');

  constructor(
    private readonly http: ThinqHttp,
    private readonly config: AppConfig,
    private readonly budget: ThinqBudget,
    @Optional() private readonly links?: LinkedAccounts,
  ) {}

  async devices(ctx: RequestContext, account: ThinqAccount): Promise<ThinqDevice[]> {
    const list = await this.call<unknown>(
      ctx,
      account,
      'read',
      'GET',
      ROUTES.devices,
      '/v2/devices',
    );
    if (!Array.isArray(list)) throw this.unreadable(200);
    return (list as ThinqDeviceVendor[]).filter(isObject).map(toThinqDevice);
  }

  /** `kind: 'command'` when the profile is read to check a command (it may use the reserve). */
  async profile(
    ctx: RequestContext,
    account: ThinqAccount,
    deviceId: string,
    kind: ThinqCallKind = 'read',
  ): Promise<ThinqDocument> {
    return this.document(
      await this.call<unknown>(
        ctx,
        account,
        kind,
        'GET',
        ROUTES.profile,
        upstreamPath('/v2/devices/profile/:deviceId', { deviceId }),
      ),
    );
  }

  async status(
    ctx: RequestContext,
    account: ThinqAccount,
    deviceId: string,
  ): Promise<ThinqDocument> {
    return this.document(
      await this.call<unknown>(
        ctx,
        account,
        'read',
        'GET',
        ROUTES.status,
        upstreamPath('/v2/devices/status/:deviceId', { deviceId }),
      ),
    );
  }

  async control(
    ctx: RequestContext,
    account: ThinqAccount,
    deviceId: string,
    command: ThinqDocument,
  ): Promise<void> {
    await this.call<unknown>(
      ctx,
      account,
      'command',
      'POST',
      ROUTES.control,
      upstreamPath('/v2/devices/control/:deviceId', { deviceId }),
      command,
    );
  }

  /**
   * One call of another ThinQ API of this module (the push channel's Route, Client, Event and Push
   * routes) through the same machinery: LG's headers (plus `headers`), the account's regional
   * host, the budget, the envelope and the error table. Not for the features: they call the
   * device methods above.
   */
  request<T>(
    ctx: RequestContext,
    account: ThinqAccount,
    call: {
      kind: ThinqCallKind;
      method: HttpMethod;
      route: string;
      path: string;
      json?: ThinqDocument;
      headers?: Record<string, string>;
    },
  ): Promise<T> {
    return this.call<T>(
      ctx,
      account,
      call.kind,
      call.method,
      call.route,
      call.path,
      call.json,
      call.headers,
    );
  }

  /** LG's common headers; the token and service key go to ThinQ only (logs redact them). */
  headers(account: ThinqAccount): Record<string, string> {
    return {
      authorization: `Bearer ${account.accessToken}`,
      'x-message-id': newMessageId(),
      'x-service-id': this.config.thinq.serviceId,
      'x-service-key': this.config.thinq.serviceKey,
      'x-country-code': normalizeCountry(account.countryCode),
    };
  }

  private async call<T>(
    ctx: RequestContext,
    account: ThinqAccount,
    kind: ThinqCallKind,
    method: HttpMethod,
    route: string,
    path: string,
    json?: ThinqDocument,
    headers?: Record<string, string>,
  ): Promise<T> {
    const region = thinqRegionOf(account.countryCode);
    if (!region) {
      throw new ProblemException(ErrorCode.UPSTREAM_LOGIN_REQUIRED, {
        detail:
          'ThinQ does not serve the linked account\u2019s country. Link it again with PUT /v1/me/links/thinq.',
        upstream: { name: 'thinq' },
        extensions: { provider: 'thinq' },
      });
    }
    // Outside the upstream policy on purpose: a refusal here is no call, so it must neither
    // count for nor against ThinQ's breaker (a half-open probe that threw it would close it).
    await this.budget.admit(account, kind);
    const response = await this.http.request<unknown>(region, {
      context: ctx,
      method,
      path,
      route,
      headers: { ...headers, ...this.headers(account) },
      json,
      // A retry is one more ThinQ call on the account: counted (not refused: it is already due).
      onRetry: () => void this.budget.tryConsume(account, kind).catch(() => undefined),
    });
    try {
      return this.unwrap<T>(response);
    } catch (error) {
      // ThinQ's own quota answer (1306, 1314, HTTP 429): no more calls for this account until
      // ThinQ's Retry-After (or a minute), on any instance.
      if (error instanceof ProblemException && error.code === ErrorCode.UPSTREAM_QUOTA_EXHAUSTED) {
        await this.budget.block(account, error.retryAfterSeconds ?? THINQ_RATE_LIMIT_RETRY_SECONDS);
      }
      // ThinQ refused the token itself (invalid, unknown user, country): the user's link is
      // dropped for every session (this answer still says UPSTREAM_LOGIN_REQUIRED; the next one
      // ACCOUNT_NOT_LINKED), unless it holds another token by now.
      if (
        error instanceof ProblemException &&
        error.code === ErrorCode.UPSTREAM_LOGIN_REQUIRED &&
        account.owner !== undefined &&
        this.links
      ) {
        await this.links.dropThinq(account.owner, account.accessToken).catch((failure) => {
          this.logger.warn(`ThinQ link not dropped after ThinQ refused it: ${String(failure)}`);
        });
      }
      throw error;
    }
  }

  /** `{responseCode: "0000", response}` -> response; anything else -> the mapped problem. */
  private unwrap<T>(response: UpstreamResponse<unknown>): T {
    const body = response.body;
    const envelope = isObject(body) ? (body as unknown as ThinqEnvelopeVendor<unknown>) : undefined;
    const ok = response.status >= 200 && response.status < 300;
    if (ok && envelope?.responseCode === '0000' && 'response' in envelope) {
      return envelope.response as T;
    }
    const error = isObject(envelope?.response)
      ? (envelope.response as ThinqErrorBodyVendor).error
      : undefined;
    const code =
      typeof error?.code === 'string'
        ? error.code
        : typeof envelope?.responseCode === 'string' && envelope.responseCode !== '0000'
          ? envelope.responseCode
          : undefined;
    if (ok && code === undefined) throw this.unreadable(response.status);
    if (ok) {
      // A failure inside a 2xx: the HTTP client logged no vendor text for it, so it is logged here.
      this.logger.warn({
        msg: 'upstream error answer',
        upstream: 'thinq',
        status: response.status,
        vendorText: vendorText(body),
      });
    }
    return this.fail(response, code, error?.message);
  }

  private fail(response: UpstreamResponse<unknown>, code?: string, message?: string): never {
    throw thinqProblem({
      status: response.status,
      code,
      message: typeof message === 'string' ? message : undefined,
      retryAfterHeader: response.headers['retry-after'],
    });
  }

  private document(value: unknown): ThinqDocument {
    if (isObject(value)) return value;
    // The seed allows "array or object"; an array is kept under `items` so the shape stays an object.
    if (Array.isArray(value)) return { items: value };
    throw this.unreadable(200);
  }

  private unreadable(status: number): ProblemException {
    return new ProblemException(ErrorCode.UPSTREAM_BAD_RESPONSE, {
      detail: 'ThinQ answered something the gateway cannot read.',
      upstream: { name: 'thinq', status },
    });
  }
}
