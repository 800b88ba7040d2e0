import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { NearCacheModule } from '../near-cache/near-cache.module';
import { RedisModule } from '../redis/redis.module';
import { ResponseCache } from './response-cache';

/** The per-user response cache, for every feature that reads through an upstream. */
@Module({
  imports: [RedisModule, NearCacheModule, CommonModule],
  providers: [ResponseCache],
  exports: [ResponseCache],
})
export class CacheModule {}
