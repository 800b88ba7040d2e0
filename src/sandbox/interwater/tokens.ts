import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

export interface InterwaterClaims extends JWTPayload {
  id: string;
  domain: string;
  accessKey: string;
  isOwner?: boolean;
}

export interface IssueOptions {
  id: string;
  domain: string;
  accessKey: string;
  /** Requested lifetime in seconds (already capped by the caller). */
  ttlSeconds: number;
  isOwner?: boolean;
}

/** Why a JWT was refused; the messages are the ones Node's `jsonwebtoken` uses. */
export class TokenRejected extends Error {}

/**
 * Issues and checks the simulator's HS256 JWTs. The signing secret lives only in memory;
 * `rotate()` replaces it, so every token issued before stops verifying ("invalid signature").
 */
export class TokenAuthority {
  private secret = randomBytes(32);

  constructor(private readonly now: () => number) {}

  rotate(): void {
    this.secret = randomBytes(32);
  }

  async issue(options: IssueOptions): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    const payload: Record<string, unknown> = {
      id: options.id,
      domain: options.domain,
      accessKey: options.accessKey,
    };
    if (options.isOwner) payload.isOwner = true;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + Math.max(0, Math.floor(options.ttlSeconds)))
      .sign(this.secret);
  }

  async verify(token: string | undefined): Promise<InterwaterClaims> {
    if (!token) throw new TokenRejected('jwt must be provided');
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
      throw new TokenRejected('jwt malformed');
    }
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
        requiredClaims: ['exp'],
      });
      return payload as InterwaterClaims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenRejected('jwt expired');
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        throw new TokenRejected('invalid signature');
      }
      if (error instanceof errors.JOSEAlgNotAllowed) throw new TokenRejected('invalid algorithm');
      throw new TokenRejected('jwt malformed');
    }
  }
}
