import { AppConfig } from '../config/app-config';
import { UpstreamEndpoints } from './http/upstream-endpoints';
import { UpstreamHttpClient } from './http/upstream-http.client';
import { UpstreamRequest, UpstreamResponse } from './http/upstream-http.types';
import { UpstreamHttpFactory } from './http/upstream-http.factory';

/**
 * The pooled HTTP client of an upstream that lives on one host (Nueyne, Interwater): the shared
 * factory's client for that upstream's base URL and timeouts. ThinQ, on regional hosts, has its
 * own (thinq/thinq.http.ts).
 */
export abstract class SingleHostHttp {
  private readonly client: UpstreamHttpClient;

  protected constructor(
    name: 'nueyne' | 'interwater',
    factory: UpstreamHttpFactory,
    endpoints: UpstreamEndpoints,
    config: AppConfig,
  ) {
    this.client = factory.create(
      name,
      endpoints[name],
      config[name].timeouts,
      endpoints.simulated[name],
    );
  }

  request<T = unknown>(request: UpstreamRequest): Promise<UpstreamResponse<T>> {
    return this.client.request<T>(request);
  }
}
