import { RequestContext } from '../../common/context/request-context';

/**
 * Checks a ThinQ personal access token against ThinQ before the gateway keeps it
 * (`PUT /v1/me/links/thinq`). Implemented by the ThinQ upstream module; throws a
 * ProblemException (e.g. UPSTREAM_CREDENTIALS_REJECTED) when ThinQ refuses it.
 */
export abstract class ThinqAccountVerifier {
  /** `owner`: the user who links it (the call counts on that user's ThinQ budget). */
  abstract verify(
    ctx: RequestContext,
    accessToken: string,
    countryCode: string,
    owner?: string,
  ): Promise<void>;
}
