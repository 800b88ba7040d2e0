import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { ThinqAccountVerifier } from '../../auth/links/thinq-account.verifier';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { isSupportedCountry } from './thinq-regions';
import { ThinqClient } from './thinq.client';

function countryRefused(detail: string): ProblemException {
  return new ProblemException(ErrorCode.VALIDATION_FAILED, {
    detail,
    errors: [{ field: 'countryCode', message: detail }],
  });
}

/**
 * Checks a ThinQ token before the gateway keeps it: the country must be one ThinQ serves, and
 * `GET /v2/devices` must succeed with it.
 */
@Injectable()
export class ThinqLinkVerifier extends ThinqAccountVerifier {
  constructor(private readonly client: ThinqClient) {
    super();
  }

  async verify(
    ctx: RequestContext,
    accessToken: string,
    countryCode: string,
    owner?: string,
  ): Promise<void> {
    if (typeof countryCode !== 'string' || !isSupportedCountry(countryCode)) {
      throw countryRefused(
        'countryCode must be an ISO 3166-1 alpha-2 country that ThinQ serves, such as KR or US.',
      );
    }
    try {
      // Counted on the user's budget: linking another token of the account is no fresh budget.
      await this.client.devices(ctx, { accessToken, countryCode, owner });
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      const code = error.upstream?.code;
      if (code === '1307' || code === '1102') {
        throw countryRefused(`ThinQ does not accept the country ${countryCode.toUpperCase()}.`);
      }
      if (error.code === ErrorCode.UPSTREAM_LOGIN_REQUIRED) {
        throw new ProblemException(ErrorCode.UPSTREAM_CREDENTIALS_REJECTED, {
          detail: 'ThinQ refused the access token.',
          upstream: error.upstream,
        });
      }
      // A refusal about a device (no such device, offline...) cannot be the answer to a device
      // list: ThinQ failed to list the account, which is what the link route reports.
      if (error.getStatus() === 404 || error.getStatus() === 409) {
        throw new ProblemException(ErrorCode.UPSTREAM_ERROR, {
          detail: 'ThinQ could not list the account\u2019s devices; the account was not linked.',
          upstream: error.upstream,
        });
      }
      throw error;
    }
  }
}
