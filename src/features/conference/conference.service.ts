import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { Principal } from '../../common/access/principal';
import { Cached, CachePolicy, ReadOptions, ResponseCache } from '../../cache/response-cache';
import { InterwaterClient } from '../../upstreams/interwater/interwater.client';
import {
  ConferenceLicense,
  ConferenceSession,
  ConferenceUsage,
  ConferenceUsageRange,
} from '../../upstreams/interwater/interwater.models';

/**
 * Live rooms change by the second: a few seconds fresh, a few more served while one call
 * refreshes, and half a minute of the last good list when Interwater fails.
 */
export const SESSIONS_CACHE: CachePolicy = {
  name: 'conference-sessions',
  freshMs: 5_000,
  staleWhileRevalidateMs: 5_000,
  staleIfErrorMs: 30_000,
  // Read with the gateway's own Interwater JWT: the same for every caller, so one entry serves all.
  scope: 'shared',
};

/** One room: the same windows as the list. */
export const SESSION_CACHE: CachePolicy = { ...SESSIONS_CACHE, name: 'conference-session' };

/** The license changes rarely: minutes fresh, an hour of the last good one when Interwater fails. */
export const LICENSE_CACHE: CachePolicy = {
  name: 'conference-license',
  freshMs: 5 * 60_000,
  staleWhileRevalidateMs: 60_000,
  staleIfErrorMs: 60 * 60_000,
  scope: 'shared',
};

/**
 * Interwater conference data, read with the gateway's own JWT. Sessions and license go through
 * the response cache (keyed per principal, as ResponseCache keys everything); usage is not
 * cached: an open range grows until now and admins ask for it rarely.
 */
@Injectable()
export class ConferenceService {
  constructor(
    private readonly interwater: InterwaterClient,
    private readonly cache: ResponseCache,
  ) {}

  license(ctx: RequestContext, principal: Principal): Promise<Cached<ConferenceLicense>> {
    return this.cache.get(LICENSE_CACHE, principal, 'license', () => this.interwater.license(ctx));
  }

  sessions(
    ctx: RequestContext,
    principal: Principal,
    options?: ReadOptions,
  ): Promise<Cached<ConferenceSession[]>> {
    return this.cache.get(
      SESSIONS_CACHE,
      principal,
      'all',
      () => this.interwater.sessions(ctx),
      options,
    );
  }

  session(
    ctx: RequestContext,
    principal: Principal,
    roomName: string,
  ): Promise<Cached<ConferenceSession>> {
    return this.cache.get(SESSION_CACHE, principal, encodeURIComponent(roomName), () =>
      this.interwater.session(ctx, roomName),
    );
  }

  usage(ctx: RequestContext, range: ConferenceUsageRange): Promise<ConferenceUsage> {
    return this.interwater.usage(ctx, range);
  }
}
