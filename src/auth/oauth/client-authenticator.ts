import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig, ClientConfig } from '../../config/app-config';
import { OAuthError } from './oauth.error';

/**
 * The public client Swagger UI signs in through (prefilled by `initOAuth` at /docs). Public clients
 * have no secret (RFC 6749 2.1): the id only names where a session came from. It exists in every
 * environment, production included: it grants nothing that an anonymous password grant does not.
 */
export const DOCS_CLIENT_ID = 'junction-docs';
const PUBLIC_CLIENT_IDS: readonly string[] = [DOCS_CLIENT_ID];

/** The client a token request identified: confidential ones proved their secret. */
export interface IdentifiedClient {
  id: string;
  /** Set for a confidential client (GATEWAY_CLIENTS) that authenticated; unset for a public one. */
  confidential?: ClientConfig;
}

interface Presented {
  clientId?: string;
  /** Empty or absent: the caller only names a client (or none). */
  clientSecret?: string;
  /** The credentials came in `Authorization: Basic`: a refusal then carries the Basic challenge. */
  basic: boolean;
}

/** Compares secrets in constant time (hashing first, so lengths leak nothing either). */
function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(
    createHash('sha256').update(a).digest(),
    createHash('sha256').update(b).digest(),
  );
}

/**
 * RFC 6749 client authentication: HTTP Basic or client_id/client_secret in the body, never both.
 * A Basic header with an empty id and secret (`Basic Og==`, what Swagger UI sends by default) is
 * no credential at all, and a Basic header with an id and an empty secret names a public client:
 * neither is a failed authentication, so neither is challenged.
 */
@Injectable()
export class ClientAuthenticator {
  constructor(private readonly config: AppConfig) {}

  /** The client the request names, authenticated when it is confidential; undefined for none. */
  identify(
    authorization: string | undefined,
    body: Record<string, string>,
  ): IdentifiedClient | undefined {
    const presented = this.read(authorization, body);
    const { clientId, clientSecret, basic } = presented;
    if (clientId === undefined || clientId === '') {
      if (clientSecret) throw this.invalidClient(basic);
      return undefined;
    }
    if (!clientSecret) {
      if (PUBLIC_CLIENT_IDS.includes(clientId)) return { id: clientId };
      throw this.invalidClient(basic);
    }
    const client = this.config.auth.clients.find((c) => c.id === clientId);
    // Compare even for unknown ids, so response time does not reveal which ids exist.
    const matches = secretsEqual(clientSecret, client?.secret ?? '\u0000never');
    if (!client || !matches) throw this.invalidClient(basic);
    return { id: client.id, confidential: client };
  }

  /** The client id a request claims with a secret (a confidential client's attempt), unverified. */
  claimedConfidentialId(
    authorization: string | undefined,
    body: Record<string, string>,
  ): string | undefined {
    const { clientId, clientSecret } = this.read(authorization, body);
    return clientSecret ? (clientId ?? '') : undefined;
  }

  /** invalid_client (401); challenged only when the client tried HTTP Basic (RFC 6749 5.2). */
  invalidClient(basic: boolean, description = 'Client authentication failed.'): OAuthError {
    return new OAuthError(
      'invalid_client',
      description,
      401,
      basic ? { 'www-authenticate': 'Basic realm="junction"' } : {},
    );
  }

  private read(authorization: string | undefined, body: Record<string, string>): Presented {
    const header = authorization?.match(/^Basic\s+(.*)$/i);
    const bodySecret = body.client_secret === '' ? undefined : body.client_secret;
    if (header) {
      const decoded = Buffer.from(header[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw this.invalidClient(true);
      const clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
      const clientSecret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      // `Basic Og==`: Swagger UI's default with no client entered. Nothing was presented.
      if (clientId === '' && clientSecret === '') {
        return { clientId: body.client_id, clientSecret: bodySecret, basic: false };
      }
      if (bodySecret !== undefined) {
        throw new OAuthError(
          'invalid_request',
          'Use one client authentication method, not Basic and client_secret together.',
        );
      }
      if (body.client_id !== undefined && body.client_id !== clientId) {
        throw new OAuthError(
          'invalid_request',
          'client_id in the body differs from the Basic credentials.',
        );
      }
      return { clientId, clientSecret, basic: true };
    }
    return { clientId: body.client_id, clientSecret: bodySecret, basic: false };
  }
}
