import { Injectable, Logger } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';

const VERSION = 'v1';

/**
 * AES-256-GCM for everything secret the gateway keeps in Redis (upstream tokens, passwords never).
 * The Redis key is bound as additional data, so a sealed value cannot be replayed under another key.
 */
@Injectable()
export class CredentialVault {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    if (config.auth.encryptionKey) {
      this.key = config.auth.encryptionKey;
    } else {
      this.key = randomBytes(32);
      new Logger('CredentialVault').warn(
        'GATEWAY_ENCRYPTION_KEY is unset: generated a key for this process (sandbox only; sealed values do not survive a restart or reach other instances).',
      );
    }
  }

  seal(plaintext: string, binding: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(binding, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      VERSION,
      iv.toString('base64url'),
      body.toString('base64url'),
      tag.toString('base64url'),
    ].join('.');
  }

  /** Returns undefined for anything that does not open with this key and binding. */
  open(sealed: string, binding: string): string | undefined {
    const [version, iv, body, tag] = sealed.split('.');
    if (version !== VERSION || !iv || body === undefined || !tag) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(binding, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
