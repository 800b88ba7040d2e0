import { Global, Module } from '@nestjs/common';
import { ThinqAccountVerifier } from '../../auth/links/thinq-account.verifier';
import { ThinqBudget } from './thinq-budget';
import { ThinqLinkVerifier } from './thinq-link.verifier';
import { ThinqClient } from './thinq.client';
import { ThinqHttp } from './thinq.http';

/**
 * LG ThinQ Connect: the client of the device API, the per-account call budget every call goes
 * through, and the link check the auth module uses.
 */
@Global()
@Module({
  providers: [
    ThinqHttp,
    ThinqBudget,
    ThinqClient,
    ThinqLinkVerifier,
    { provide: ThinqAccountVerifier, useExisting: ThinqLinkVerifier },
  ],
  exports: [ThinqClient, ThinqBudget, ThinqAccountVerifier],
})
export class ThinqModule {}
