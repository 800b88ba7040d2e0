import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CommonModule } from '../common/common.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { AuthCoreModule } from './auth-core.module';
import { AuthGuard } from './auth.guard';
import { ClientAuthenticator } from './oauth/client-authenticator';
import { OAuthService } from './oauth/oauth.service';
import { TokenController } from './oauth/token.controller';
import { WellKnownController } from './oauth/well-known.controller';

/**
 * Unified auth: the token endpoint and the global guard, which admits each request through the
 * rate limiter. Sign-in goes through an upstream's adapter (NueyneAuthenticator), which auth only
 * declares: `signingInWith` names the module that provides it, so the arrow runs from the
 * upstreams to auth and never back.
 */
@Module({
  imports: [AuthCoreModule, CommonModule, RateLimitModule],
  controllers: [TokenController, WellKnownController],
  providers: [ClientAuthenticator, OAuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthCoreModule, OAuthService],
})
export class AuthModule {
  private static readonly bound = new Map<Type, DynamicModule>();

  /**
   * AuthModule whose password grant asks `signIn` (a module that provides NueyneAuthenticator).
   * The same object for the same `signIn`: Nest tells dynamic modules apart by reference, and the
   * app has one token endpoint however many modules import this one.
   */
  static signingInWith(signIn: Type): DynamicModule {
    let module = AuthModule.bound.get(signIn);
    if (!module) {
      module = { module: AuthModule, imports: [signIn] };
      AuthModule.bound.set(signIn, module);
    }
    return module;
  }
}
