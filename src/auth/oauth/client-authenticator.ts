import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig, ClientConfig } from '../../config/app-config';
import { OAuthError } from './oauth.error';

export interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
  method: 'basic' | 'post' | 'none';
}

/** Compares secrets in constant time (hashing first, so lengths leak nothing either). */
function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(
    createHash('sha256').update(a).digest(),
    createHash('sha256').update(b).digest(),
  );
}

/** RFC 6749 client authentication: HTTP Basic or client_id/client_secret in the body, never both. */
@Injectable()
export class ClientAuthenticator {
  constructor(private readonly config: AppConfig) {}

  read(authorization: string | undefined, body: Record<string, string>): ClientCredentials {
    const basic = authorization?.match(/^Basic\s+(.+)$/i);
    if (basic) {
      if (body.client_secret !== undefined) {
        throw new OAuthError(
          'invalid_request',
          'Use one client authentication method, not Basic and client_secret together.',
        );
      }
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw this.invalidClient(true);
      const clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
      const clientSecret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      if (body.client_id !== undefined && body.client_id !== clientId) {
        throw new OAuthError(
          'invalid_request',
          'client_id in the body differs from the Basic credentials.',
        );
      }
      return { clientId, clientSecret, method: 'basic' };
    }
    if (body.client_secret !== undefined) {
      return { clientId: body.client_id, clientSecret: body.client_secret, method: 'post' };
    }
    return { clientId: body.client_id, method: 'none' };
  }

  /** The configured client the credentials prove, or invalid_client (401). */
  authenticate(credentials: ClientCredentials): ClientConfig {
    const client = this.config.auth.clients.find((c) => c.id === credentials.clientId);
    // Compare even for unknown ids, so response time does not reveal which ids exist.
    const matches = secretsEqual(credentials.clientSecret ?? '', client?.secret ?? '\u0000never');
    if (!client || !matches || credentials.method === 'none')
      throw this.invalidClient(credentials.method === 'basic');
    return client;
  }

  private invalidClient(basic: boolean): OAuthError {
    return new OAuthError(
      'invalid_client',
      'Client authentication failed.',
      401,
      basic ? { 'www-authenticate': 'Basic realm="junction"' } : {},
    );
  }
}
