import { Global, Module } from '@nestjs/common';
import { InterwaterTokenManager } from './interwater-token.manager';
import { InterwaterClient } from './interwater.client';
import { InterwaterHttp } from './interwater.http';

/** The Interwater side: HTTP client, the gateway's JWT, resource client. */
@Global()
@Module({
  providers: [InterwaterHttp, InterwaterTokenManager, InterwaterClient],
  exports: [InterwaterHttp, InterwaterTokenManager, InterwaterClient],
})
export class InterwaterModule {}
