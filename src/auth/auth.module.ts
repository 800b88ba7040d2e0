import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CommonModule } from '../common/common.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { NueyneModule } from '../upstreams/nueyne/nueyne.module';
import { ThinqModule } from '../upstreams/thinq/thinq.module';
import { AuthCoreModule } from './auth-core.module';
import { AuthGuard } from './auth.guard';
import { LinksController } from './links/links.controller';
import { LinksService } from './links/links.service';
import { SandboxDemoLinks } from './links/sandbox-demo-links';
import { ClientAuthenticator } from './oauth/client-authenticator';
import { OAuthService } from './oauth/oauth.service';
import { TokenController } from './oauth/token.controller';
import { WellKnownController } from './oauth/well-known.controller';

/**
 * Unified auth: token endpoint, the global guard, links. Sign-in goes through the upstreams'
 * adapters (NueyneAuthenticator, ThinqAccountVerifier), and the guard admits each request
 * through the rate limiter.
 */
@Module({
  imports: [AuthCoreModule, CommonModule, RateLimitModule, NueyneModule, ThinqModule],
  controllers: [TokenController, WellKnownController, LinksController],
  providers: [
    ClientAuthenticator,
    OAuthService,
    LinksService,
    SandboxDemoLinks,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthCoreModule, OAuthService],
})
export class AuthModule {}
