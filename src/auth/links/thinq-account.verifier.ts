import { RequestContext } from '../../common/context/request-context';

/**
 * Checks a ThinQ personal access token against ThinQ before the gateway keeps it
 * (`PUT /v1/me/links/thinq`). Implemented by the ThinQ upstream module; throws a
 * ProblemException (e.g. UPSTREAM_CREDENTIALS_REJECTED) when ThinQ refuses it.
 */
export abstract class ThinqAccountVerifier {
  abstract verify(ctx: RequestContext, accessToken: string, countryCode: string): Promise<void>;
}
