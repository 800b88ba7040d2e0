import { Global, Module } from '@nestjs/common';
import { ThinqAccountVerifier } from '../../auth/links/thinq-account.verifier';
import { ThinqLinkVerifier } from './thinq-link.verifier';
import { ThinqClient } from './thinq.client';
import { ThinqHttp } from './thinq.http';

/** LG ThinQ Connect: the client of the device API and the link check the auth module uses. */
@Global()
@Module({
  providers: [
    ThinqHttp,
    ThinqClient,
    ThinqLinkVerifier,
    { provide: ThinqAccountVerifier, useExisting: ThinqLinkVerifier },
  ],
  exports: [ThinqClient, ThinqAccountVerifier],
})
export class ThinqModule {}
