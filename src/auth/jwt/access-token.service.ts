import { Injectable, OnModuleInit } from '@nestjs/common';
import { errors as joseErrors, jwtVerify, JWTPayload, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { Principal } from '../../common/access/principal';
import { SigningKeys } from './signing-keys';

export class InvalidAccessToken extends Error {}

interface Claims extends JWTPayload {
  sid?: string;
  scope?: string;
  client_id?: string;
}

const CACHE_LIMIT = 10_000;

/**
 * Issues and verifies the gateway's access tokens (RFC 9068 style JWTs). Verification runs on
 * every request, so a verified token is remembered until it expires (bounded map): the signature
 * is checked once per token, not once per request.
 */
@Injectable()
export class AccessTokenService implements OnModuleInit {
  private readonly verified = new Map<string, Principal>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.keys.load();
  }

  get ttlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }

  async issue(subject: {
    kind: Principal['kind'];
    sub: string;
    sid?: string;
    clientId?: string;
    scopes: string[];
  }): Promise<{ token: string; expiresIn: number; jti: string }> {
    const key = this.keys.current;
    const now = Math.floor(this.clock.now() / 1000);
    const jti = randomBytes(16).toString('base64url');
    const claims: Claims = { scope: subject.scopes.join(' ') };
    if (subject.sid) claims.sid = subject.sid;
    if (subject.clientId) claims.client_id = subject.clientId;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
      .setIssuer(this.config.auth.issuer)
      .setAudience(this.config.auth.audience)
      .setSubject(subject.sub)
      .setJti(jti)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(key.privateKey);
    return { token, expiresIn: this.ttlSeconds, jti };
  }

  /** The principal of a token already verified here and not expired; undefined otherwise. */
  remembered(token: string): Principal | undefined {
    const known = this.verified.get(token);
    return known && known.exp > this.clock.now() / 1000 ? known : undefined;
  }

  /** The principal of a valid token; throws InvalidAccessToken with the reason otherwise. */
  async verify(token: string): Promise<Principal> {
    const nowSeconds = this.clock.now() / 1000;
    const known = this.verified.get(token);
    if (known) {
      if (known.exp > nowSeconds) return known;
      this.verified.delete(token);
      throw new InvalidAccessToken('The access token has expired.');
    }
    let payload: Claims;
    try {
      const result = await jwtVerify<Claims>(
        token,
        (header) => {
          const key = this.keys.byKid(header.kid);
          if (!key)
            throw new InvalidAccessToken('The token was not signed by a key of this gateway.');
          return key.publicKey;
        },
        {
          issuer: this.config.auth.issuer,
          audience: this.config.auth.audience,
          algorithms: this.keys.algorithms,
          typ: 'at+jwt',
          currentDate: new Date(this.clock.now()),
          requiredClaims: ['sub', 'jti', 'exp', 'iat'],
        },
      );
      payload = result.payload;
    } catch (error) {
      if (error instanceof InvalidAccessToken) throw error;
      if (error instanceof joseErrors.JWTExpired)
        throw new InvalidAccessToken('The access token has expired.');
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        throw new InvalidAccessToken(`The token's ${error.claim} claim is not accepted here.`);
      }
      throw new InvalidAccessToken(
        'The access token is malformed or its signature does not verify.',
      );
    }
    const principal: Principal = {
      kind: payload.sid ? 'user' : 'service',
      sub: payload.sub!,
      sid: payload.sid,
      clientId: payload.client_id,
      scopes: (payload.scope ?? '').split(' ').filter(Boolean),
      jti: payload.jti!,
      exp: payload.exp!,
    };
    if (this.verified.size >= CACHE_LIMIT) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, principal);
    return principal;
  }
}
