/**
 * Checks a ThinQ personal access token against ThinQ before the gateway keeps it
 * (`PUT /v1/me/links/thinq`). Implemented by the ThinQ upstream module; throws a
 * ProblemException (e.g. UPSTREAM_CREDENTIALS_REJECTED) when ThinQ refuses it.
 */
export abstract class ThinqAccountVerifier {
  abstract verify(accessToken: string, countryCode: string): Promise<void>;
}
