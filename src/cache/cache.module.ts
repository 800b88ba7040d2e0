import { Global, Module } from '@nestjs/common';
import { ResponseCache } from './response-cache';

/** The per-user response cache, for every feature that reads through an upstream. */
@Global()
@Module({
  providers: [ResponseCache],
  exports: [ResponseCache],
})
export class CacheModule {}
