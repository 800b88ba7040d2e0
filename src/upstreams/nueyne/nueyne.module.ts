import { Global, Module } from '@nestjs/common';
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
@Global()
@Module({
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
