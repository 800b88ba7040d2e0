import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { UpstreamEndpoints } from '../http/upstream-endpoints';
import { UpstreamHttpFactory } from '../http/upstream-http.factory';
import { SingleHostHttp } from '../single-host-http';

/** The pooled HTTP client of Interwater s-connector. */
@Injectable()
export class InterwaterHttp extends SingleHostHttp {
  constructor(factory: UpstreamHttpFactory, endpoints: UpstreamEndpoints, config: AppConfig) {
    super('interwater', factory, endpoints, config);
  }
}
