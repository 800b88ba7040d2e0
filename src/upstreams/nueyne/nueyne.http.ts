import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { UpstreamEndpoints } from '../http/upstream-endpoints';
import { UpstreamHttpClient } from '../http/upstream-http.client';
import { UpstreamRequest, UpstreamResponse } from '../http/upstream-http.types';
import { UpstreamHttpFactory } from '../http/upstream-http.factory';

/** The pooled HTTP client of Nueyne (both products share the host). */
@Injectable()
export class NueyneHttp {
  private readonly client: UpstreamHttpClient;

  constructor(factory: UpstreamHttpFactory, endpoints: UpstreamEndpoints, config: AppConfig) {
    this.client = factory.create(
      'nueyne',
      endpoints.nueyne,
      config.nueyne.timeouts,
      endpoints.simulated.nueyne,
    );
  }

  request<T = unknown>(request: UpstreamRequest): Promise<UpstreamResponse<T>> {
    return this.client.request<T>(request);
  }
}
