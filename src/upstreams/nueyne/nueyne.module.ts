import { Global, Module } from '@nestjs/common';
import { NueyneAuthenticator } from '../../auth/links/nueyne-authenticator';
import { NueyneAuthClient } from './nueyne-auth.client';
import { NueyneClient } from './nueyne.client';
import { NueyneHttp } from './nueyne.http';
import { NueyneTokenManager } from './nueyne-token.manager';

/**
 * Nueyne (Lux and Elexir Legacy): the pooled HTTP client, sign-in for the auth area, token
 * refresh, and the route client the features use.
 */
@Global()
@Module({
  providers: [
    NueyneHttp,
    NueyneTokenManager,
    NueyneClient,
    { provide: NueyneAuthenticator, useClass: NueyneAuthClient },
  ],
  exports: [NueyneHttp, NueyneTokenManager, NueyneClient, NueyneAuthenticator],
})
export class NueyneModule {}
