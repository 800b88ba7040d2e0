import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ThinqRegion, UpstreamEndpoints } from '../http/upstream-endpoints';
import { UpstreamHttpClient } from '../http/upstream-http.client';
import { UpstreamRequest, UpstreamResponse } from '../http/upstream-http.types';
import { UpstreamHttpFactory } from '../http/upstream-http.factory';

/**
 * The pooled HTTP client of ThinQ Connect. With a `{region}` template in THINQ_BASE_URL each call
 * goes to its account's regional host (kic, eic, aic); a plain URL serves every country.
 */
@Injectable()
export class ThinqHttp {
  private readonly client: UpstreamHttpClient;

  constructor(
    factory: UpstreamHttpFactory,
    private readonly endpoints: UpstreamEndpoints,
    config: AppConfig,
  ) {
    this.client = factory.create(
      'thinq',
      endpoints.thinq('kic'),
      config.thinq.timeouts,
      endpoints.simulated.thinq,
    );
  }

  /** The base URL a call for this region goes to. */
  baseUrlFor(region: ThinqRegion): string {
    return this.endpoints.thinq(region);
  }

  request<T = unknown>(
    region: ThinqRegion,
    request: Omit<UpstreamRequest, 'baseUrl'>,
  ): Promise<UpstreamResponse<T>> {
    return this.client.request<T>({ ...request, baseUrl: this.baseUrlFor(region) });
  }
}
