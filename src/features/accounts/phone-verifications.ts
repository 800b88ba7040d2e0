import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { CredentialVault } from '../../auth/crypto/credential-vault';
import { AppConfig } from '../../config/app-config';
import { KeyValueStore } from '../../redis/key-value.store';

/** What a verification handle stands for, inside the gateway only. */
export interface PhoneVerification {
  /** E.164: the number the code went to; the sign-up uses exactly this one. */
  phone: string;
  /** Nueyne's `valid_token`: never leaves the gateway. */
  upstreamToken: string;
}

/**
 * Phone verifications between the confirm step and the sign-up. The client gets an opaque handle
 * (32 random bytes); Redis holds, under a digest of the handle, Nueyne's `valid_token` and the
 * phone sealed with AES-256-GCM bound to that key, for ACCOUNTS_VERIFICATION_TTL_SECONDS. So
 * neither the handle nor the upstream token can be read from Redis, and every instance sees it.
 */
@Injectable()
export class PhoneVerifications {
  private readonly ttlSeconds: number;

  constructor(
    private readonly store: KeyValueStore,
    private readonly vault: CredentialVault,
    config: AppConfig,
  ) {
    this.ttlSeconds = config.accounts.verificationTtlSeconds;
  }

  private key(handle: string): string {
    return `acct:pv:${createHash('sha256').update(handle).digest('base64url')}`;
  }

  async open(
    verification: PhoneVerification,
  ): Promise<{ verificationToken: string; expiresIn: number }> {
    const handle = randomBytes(32).toString('base64url');
    const key = this.key(handle);
    await this.store.set(key, this.vault.seal(JSON.stringify(verification), key), {
      ttlMs: this.ttlSeconds * 1000,
    });
    return { verificationToken: handle, expiresIn: this.ttlSeconds };
  }

  /** The verification behind a handle while it lives; undefined for anything else. */
  async read(handle: string): Promise<PhoneVerification | undefined> {
    const key = this.key(handle);
    const sealed = await this.store.get(key);
    const opened = sealed ? this.vault.open(sealed, key) : undefined;
    return opened ? (JSON.parse(opened) as PhoneVerification) : undefined;
  }

  /** Uses a handle up (after the sign-up, or once Nueyne refuses its token). */
  async consume(handle: string): Promise<void> {
    await this.store.del(this.key(handle));
  }
}
