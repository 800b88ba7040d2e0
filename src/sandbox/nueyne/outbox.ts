import { randomBytes, randomInt } from 'node:crypto';
import type { Product } from './nueyne.state';

/** How long an SMS code is good for (the docs do not say; three minutes is common in Korea). */
export const SMS_CODE_TTL_MS = 180_000;
/** How long `phone-number-validation`'s `valid_token` is good for (not documented either). */
export const VALID_TOKEN_TTL_MS = 600_000;

/** A text message the simulator "sent": the code, readable through `/__sandbox/outbox`. */
export interface SentSms {
  phone: string;
  code: string;
  sentAt: string;
  expiresAt: string;
}

/** A mail the simulator "sent": a Legacy sign-up's verification link, or a password reset. */
export interface SentMail {
  to: string;
  product: Product;
  kind: 'verify-email' | 'reset-password';
  /** The verification link: open it (a GET on the simulator) to verify the address. */
  link?: string;
  sentAt: string;
}

interface PendingCode {
  code: string;
  expiresAt: number;
}

/**
 * What the simulator sends instead of SMS and mail, and the one-time secrets behind them: the
 * latest code per phone (a new one replaces it, a right answer uses it up), the `valid_token`s of
 * verified phones, and the Legacy e-mail verification links.
 */
export class NueyneOutbox {
  readonly sms: SentSms[] = [];
  readonly mail: SentMail[] = [];
  private readonly codes = new Map<string, PendingCode>();
  private readonly validTokens = new Map<string, { phone: string; expiresAt: number }>();
  private readonly emailLinks = new Map<string, string>();
  private readonly everIssued: string[] = [];

  constructor(private readonly now: () => number) {}

  clear(): void {
    this.sms.length = 0;
    this.mail.length = 0;
    this.codes.clear();
    this.validTokens.clear();
    this.emailLinks.clear();
    this.everIssued.length = 0;
  }

  sendCode(phone: string): SentSms {
    const now = this.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.codes.set(phone, { code, expiresAt: now + SMS_CODE_TTL_MS });
    const sms = {
      phone,
      code,
      sentAt: new Date(now).toISOString(),
      expiresAt: new Date(now + SMS_CODE_TTL_MS).toISOString(),
    };
    this.sms.push(sms);
    return sms;
  }

  /** The code last sent to this phone, if it has not been used. */
  lastCode(phone: string): string | undefined {
    return this.codes.get(phone)?.code;
  }

  /** Checks a code: `invalid` (wrong, none sent, or used), `expired`, or `ok` (and uses it up). */
  checkCode(phone: string, code: string): 'ok' | 'invalid' | 'expired' {
    const pending = this.codes.get(phone);
    if (!pending || pending.code !== code) return 'invalid';
    if (this.now() >= pending.expiresAt) return 'expired';
    this.codes.delete(phone);
    return 'ok';
  }

  /** Every code sent so far is expired. */
  expireCodes(): void {
    for (const pending of this.codes.values())
      pending.expiresAt = Math.min(pending.expiresAt, this.now());
  }

  issueValidToken(phone: string): string {
    const token = `valid_${randomBytes(24).toString('base64url')}`;
    this.validTokens.set(token, { phone, expiresAt: this.now() + VALID_TOKEN_TTL_MS });
    this.everIssued.push(token);
    return token;
  }

  /** The phone a `valid_token` verified, while it is good. */
  validTokenPhone(token: string): string | undefined {
    const entry = this.validTokens.get(token);
    return entry && this.now() < entry.expiresAt ? entry.phone : undefined;
  }

  useValidToken(token: string): void {
    this.validTokens.delete(token);
  }

  /** Every `valid_token` issued so far (tests check none reaches a client). */
  issuedValidTokens(): string[] {
    return [...this.everIssued];
  }

  sendMail(mail: Omit<SentMail, 'sentAt'>): SentMail {
    const sent = { ...mail, sentAt: new Date(this.now()).toISOString() };
    this.mail.push(sent);
    return sent;
  }

  /** A verification link for a Legacy sign-up; `verifyEmail` follows it. */
  emailVerificationLink(email: string): string {
    const token = randomBytes(16).toString('base64url');
    this.emailLinks.set(token, email);
    return `/__sandbox/outbox/verify-email/${token}`;
  }

  /** The e-mail a verification link stands for (once). */
  followEmailLink(token: string): string | undefined {
    const email = this.emailLinks.get(token);
    this.emailLinks.delete(token);
    return email;
  }
}
