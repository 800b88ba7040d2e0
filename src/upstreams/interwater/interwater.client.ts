import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { vendorText } from '../http/upstream-http.client';
import { UpstreamRequest, UpstreamResponse } from '../http/upstream-http.types';
import { upstreamPath } from '../http/upstream-path';
import { UpstreamError } from '../http/upstream.error';
import {
  INTERWATER_ROUTES as R,
  InterwaterErrorContext,
  interwaterProblem,
} from './interwater-errors';
import { InterwaterTokenManager } from './interwater-token.manager';
import { InterwaterHttp } from './interwater.http';
import {
  fromUsageRange,
  InterwaterShapeError,
  toConferenceLicense,
  toConferenceSession,
  toConferenceSessions,
  toConferenceUsage,
} from './interwater.mappers';
import {
  ConferenceLicense,
  ConferenceSession,
  ConferenceUsage,
  ConferenceUsageRange,
} from './interwater.models';
import { InterwaterEnvelopeVendor } from './vendor/interwater.vendor';

type InterwaterCall = Omit<UpstreamRequest, 'headers' | 'baseUrl' | 'json' | 'form' | 'context'>;

/**
 * The four read routes of Interwater s-connector (seed page 003), with the gateway's own JWT
 * (the token manager fetches it, shares it, and refetches and retries once on a 401). The
 * `{status, data}` envelope is removed here; errors go through INTERWATER_ERROR_TABLE; a body
 * that cannot be read is UPSTREAM_BAD_RESPONSE. Vendor shapes never leave this folder.
 */
@Injectable()
export class InterwaterClient {
  private readonly logger = new Logger('InterwaterClient');

  constructor(
    private readonly http: InterwaterHttp,
    private readonly tokens: InterwaterTokenManager,
  ) {}

  /** `GET /v1/info`: the license the gateway's keys belong to. */
  license(ctx: RequestContext): Promise<ConferenceLicense> {
    return this.read(
      ctx,
      { method: 'GET', path: upstreamPath('/v1/info'), route: R.info },
      toConferenceLicense,
    );
  }

  /** `GET /v1/sessions`: rooms in session now. */
  sessions(ctx: RequestContext): Promise<ConferenceSession[]> {
    return this.read(
      ctx,
      { method: 'GET', path: upstreamPath('/v1/sessions'), route: R.sessions },
      toConferenceSessions,
    );
  }

  /** `GET /v1/sessions/:room_name`: one room; ROOM_NOT_FOUND when it is not in session. */
  session(ctx: RequestContext, roomName: string): Promise<ConferenceSession> {
    return this.read(
      ctx,
      {
        method: 'GET',
        path: upstreamPath('/v1/sessions/:room_name', { room_name: roomName }),
        route: R.session,
      },
      (data) => toConferenceSession(data),
      { roomName },
    );
  }

  /** `GET /v1/static`: usage from `from` to `to` (inclusive), or to now without `to`. */
  usage(ctx: RequestContext, range: ConferenceUsageRange): Promise<ConferenceUsage> {
    return this.read(
      ctx,
      {
        method: 'GET',
        path: upstreamPath('/v1/static'),
        route: R.usage,
        query: { ...fromUsageRange(range) },
      },
      toConferenceUsage,
    );
  }

  private async read<T>(
    ctx: RequestContext,
    call: InterwaterCall,
    map: (data: unknown) => T,
    context: InterwaterErrorContext = {},
  ): Promise<T> {
    const response = await this.tokens.send(ctx, (jwt) =>
      this.http.request<unknown>({ ...call, context: ctx, headers: { 's-connector-jwt': jwt } }),
    );
    const data = this.unwrap(call.route, response, context);
    try {
      return map(data);
    } catch (error) {
      if (!(error instanceof InterwaterShapeError)) throw error;
      throw this.badResponse(call.route, error.message);
    }
  }

  /** `data` of a `{status: true, data}` success; the mapped problem otherwise. */
  private unwrap(
    route: string,
    response: UpstreamResponse<unknown>,
    context: InterwaterErrorContext,
  ): unknown {
    const { status, body } = response;
    const envelope =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as InterwaterEnvelopeVendor<unknown>)
        : undefined;
    if (status >= 200 && status < 300) {
      if (envelope?.status === true && envelope.data !== undefined) return envelope.data;
      if (envelope?.status !== false) {
        throw this.badResponse(route, `HTTP ${status} without a {status: true, data} envelope`);
      }
    }
    const problem = interwaterProblem(route, response, context);
    if (status < 300) {
      // A failure inside a 2xx: the HTTP client logged no vendor text for it, so it is logged here.
      this.logger.warn({
        msg: 'upstream error answer',
        upstream: 'interwater',
        route,
        status,
        vendorText: vendorText(body),
      });
    } else if (problem.getStatus() >= 500) {
      this.logger.warn(`${route}: Interwater answered HTTP ${status}; sent ${problem.code}`);
    }
    throw problem;
  }

  private badResponse(route: string, why: string): UpstreamError {
    this.logger.warn(`${route}: unreadable Interwater answer: ${why}`);
    return new UpstreamError('interwater', route, 'bad_response', `interwater ${route}: ${why}`);
  }
}
