import { Global, Module } from '@nestjs/common';
import { InterwaterTokenManager } from './interwater-token.manager';
import { InterwaterHttp } from './interwater.http';

/** The Interwater side: HTTP client, the gateway's JWT, resource client. */
@Global()
@Module({
  providers: [InterwaterHttp, InterwaterTokenManager],
  exports: [InterwaterHttp, InterwaterTokenManager],
})
export class InterwaterModule {}
