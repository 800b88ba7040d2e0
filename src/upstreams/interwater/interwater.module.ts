import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../../auth/auth-core.module';
import { CommonModule } from '../../common/common.module';
import { RedisModule } from '../../redis/redis.module';
import { UpstreamHttpModule } from '../http/upstream-http.module';
import { InterwaterTokenManager } from './interwater-token.manager';
import { InterwaterClient } from './interwater.client';
import { InterwaterHttp } from './interwater.http';

/** The Interwater side: HTTP client, the gateway's JWT, resource client. */
@Module({
  imports: [UpstreamHttpModule, RedisModule, AuthCoreModule, CommonModule],
  providers: [InterwaterHttp, InterwaterTokenManager, InterwaterClient],
  exports: [InterwaterHttp, InterwaterTokenManager, InterwaterClient],
})
export class InterwaterModule {}
