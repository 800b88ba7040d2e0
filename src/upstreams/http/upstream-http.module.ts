import { Global, Module } from '@nestjs/common';
import { UpstreamHealth } from './upstream-health';
import { UpstreamHttpFactory } from './upstream-http.factory';

@Global()
@Module({
  providers: [UpstreamHttpFactory, UpstreamHealth],
  exports: [UpstreamHttpFactory, UpstreamHealth],
})
export class UpstreamHttpModule {}
