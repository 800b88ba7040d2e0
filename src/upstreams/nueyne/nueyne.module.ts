import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../../auth/auth-core.module';
import { CommonModule } from '../../common/common.module';
import { RedisModule } from '../../redis/redis.module';
import { UpstreamHttpModule } from '../http/upstream-http.module';
import { NueyneAuthenticator } from '../../auth/links/nueyne-authenticator';
import { NueyneAccountsClient } from './nueyne-accounts.client';
import { NueyneAuthClient } from './nueyne-auth.client';
import { NueyneClient } from './nueyne.client';
import { NueyneHttp } from './nueyne.http';
import { NueyneTokenManager } from './nueyne-token.manager';

/**
 * Nueyne (Lux and Elexir Legacy): the pooled HTTP client, sign-in for the auth area, token
 * refresh, the route client the features use, and the onboarding client (sign-up, recovery).
 */
@Module({
  imports: [UpstreamHttpModule, RedisModule, AuthCoreModule, CommonModule],
  providers: [
    NueyneHttp,
    NueyneTokenManager,
    NueyneClient,
    NueyneAccountsClient,
    { provide: NueyneAuthenticator, useClass: NueyneAuthClient },
  ],
  exports: [
    NueyneHttp,
    NueyneTokenManager,
    NueyneClient,
    NueyneAccountsClient,
    NueyneAuthenticator,
  ],
})
export class NueyneModule {}
