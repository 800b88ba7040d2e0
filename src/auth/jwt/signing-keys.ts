import { Injectable, Logger } from '@nestjs/common';
import { calculateJwkThumbprint, exportJWK, JWK } from 'jose';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { SigningAlgorithm, signingAlgorithmOf } from '../../config/parse';

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JWK;
}

/**
 * The gateway's signing keys: the first signs, all verify (rotation: add the new key first and keep
 * the old one listed until the tokens it signed have expired). kid = RFC 7638 thumbprint.
 */
@Injectable()
export class SigningKeys {
  private keys: SigningKey[] = [];

  constructor(private readonly config: AppConfig) {}

  async load(): Promise<void> {
    const pems = this.config.auth.privateKeysPem;
    const privateKeys: KeyObject[] = [];
    if (pems.length === 0) {
      new Logger('SigningKeys').warn(
        'GATEWAY_JWT_PRIVATE_KEY is unset: generated an ES256 key for this process (sandbox only; tokens do not survive a restart or verify on other instances).',
      );
      privateKeys.push(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    } else {
      // Each block was read and checked by the config loader already.
      for (const pem of pems) privateKeys.push(createPrivateKey({ key: pem, format: 'pem' }));
    }
    this.keys = await Promise.all(
      privateKeys.map(async (privateKey) => {
        const alg = signingAlgorithmOf(privateKey);
        const publicKey = createPublicKey(privateKey);
        const jwk = await exportJWK(publicKey);
        const kid = await calculateJwkThumbprint(jwk);
        return { kid, alg, privateKey, publicKey, jwk: { ...jwk, kid, alg, use: 'sig' } };
      }),
    );
  }

  get current(): SigningKey {
    return this.keys[0];
  }

  byKid(kid: string | undefined): SigningKey | undefined {
    return this.keys.find((key) => key.kid === kid);
  }

  get algorithms(): SigningAlgorithm[] {
    return [...new Set(this.keys.map((key) => key.alg))];
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.jwk) };
  }
}
