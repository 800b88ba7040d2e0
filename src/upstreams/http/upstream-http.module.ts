import { Module } from '@nestjs/common';
import { SandboxModule } from '../../sandbox/sandbox.module';
import { UpstreamHealth } from './upstream-health';
import { UpstreamHttpFactory } from './upstream-http.factory';

/**
 * The HTTP client every upstream module builds its client with, the upstreams' health, and where
 * each upstream is (SandboxModule, the sandbox switch: it starts a simulator for an unset base URL).
 */
@Module({
  imports: [SandboxModule],
  providers: [UpstreamHttpFactory, UpstreamHealth],
  exports: [UpstreamHttpFactory, UpstreamHealth, SandboxModule],
})
export class UpstreamHttpModule {}
