import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ClientConfig, RateLimitRule } from './app-config';

/**
 * Reading one variable of each kind from the environment: the kinds that are more than a whole
 * number (URLs, keys, client lists, JSON limits, lists). The loader (config.loader.ts) puts them
 * together; variables.ts describes each variable.
 */

/** A configuration problem; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

export function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  return value === '' ? undefined : value;
}

export function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

export function httpUrl(env: Env, name: string, allowRegionTemplate = false): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  const probe = allowRegionTemplate ? raw.replace('{region}', 'kic') : raw;
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

export function timezone(env: Env, name: string): string {
  const zone = optional(env, name) ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new ConfigError(
      name,
      `must be an IANA time zone such as UTC or Asia/Seoul, got "${zone}"`,
    );
  }
  return zone;
}

export type SigningAlgorithm = 'ES256' | 'EdDSA' | 'RS256';

/** The JWS algorithm a gateway signing key is used with; throws ConfigError for any other key. */
export function signingAlgorithmOf(
  key: KeyObject,
  name = 'GATEWAY_JWT_PRIVATE_KEY',
): SigningAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return 'ES256';
    throw new ConfigError(name, `EC keys must be P-256 (ES256), got ${curve}`);
  }
  if (type === 'ed25519') return 'EdDSA';
  if (type === 'rsa') {
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
      throw new ConfigError(name, 'RSA keys must be at least 2048 bits');
    }
    return 'RS256';
  }
  throw new ConfigError(name, `unsupported key type ${type}; use EC P-256, Ed25519 or RSA`);
}

/**
 * The PEM blocks of the JWT signing keys, each read and checked here, so a bad key stops the start
 * in the one-line form before Nest or Redis start (it used to surface from Nest's init, with a stack).
 */
export function pemKeys(env: Env, name: string): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  const text = raw.replace(/\\n/g, '\n');
  const blocks = text.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/g);
  if (!blocks) {
    throw new ConfigError(
      name,
      'must hold a PKCS#8 PEM private key (BEGIN PRIVATE KEY; convert others with openssl pkcs8 -topk8 -nocrypt)',
    );
  }
  blocks.forEach((block, index) => {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: block, format: 'pem' });
    } catch {
      throw new ConfigError(name, `PEM block ${index + 1} is not a readable PKCS#8 private key`);
    }
    signingAlgorithmOf(key, name);
  });
  return blocks;
}

export function encryptionKey(env: Env, name: string): Buffer | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) throw new ConfigError(name, 'must be base64');
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new ConfigError(name, `must be 32 bytes of base64, got ${key.length} bytes`);
  }
  return key;
}

const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

export function clients(env: Env, name: string): ClientConfig[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(name, 'must be a JSON list of {id, secret, scopes}');
  }
  if (!Array.isArray(parsed))
    throw new ConfigError(name, 'must be a JSON list of {id, secret, scopes}');
  const seen = new Set<string>();
  return parsed.map((item: unknown, index) => {
    const entry = item as Partial<Record<'id' | 'secret' | 'scopes', unknown>> | null;
    const id = entry?.id;
    const secret = entry?.secret;
    const scopes = entry?.scopes;
    if (typeof id !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
      throw new ConfigError(name, `[${index}].id must be 1-64 characters of A-Z a-z 0-9 . _ -`);
    }
    if (seen.has(id)) throw new ConfigError(name, `[${index}].id "${id}" is listed twice`);
    seen.add(id);
    if (typeof secret !== 'string' || secret.length < 16) {
      throw new ConfigError(name, `[${index}].secret must be a string of at least 16 characters`);
    }
    const list = typeof scopes === 'string' ? scopes.split(' ').filter(Boolean) : scopes;
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && SCOPE.test(s))) {
      throw new ConfigError(name, `[${index}].scopes must be a list of scope names`);
    }
    return { id, secret, scopes: list as string[] };
  });
}

export function clusterNodes(env: Env, name: string): { host: string; port: number }[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((part) => {
    const match = /^\s*([^\s:]+):(\d{1,5})\s*$/.exec(part);
    if (!match)
      throw new ConfigError(name, `must be a comma-separated list of host:port, got "${part}"`);
    return { host: match[1], port: Number(match[2]) };
  });
}

/** Default limits per route group; RATE_LIMITS (JSON) overrides or adds groups. */
export const DEFAULT_RATE_LIMITS: Record<string, RateLimitRule> = {
  /** Per client (session or service client), every authenticated route. */
  default: { limit: 600, windowSeconds: 60 },
  /** Per client IP, the token and revocation endpoints. */
  auth: { limit: 60, windowSeconds: 60 },
  /** Per username, failed sign-ins (credential stuffing), through the token endpoint or a link. */
  'sign-in-failures': { limit: 5, windowSeconds: 900 },
  /** Per client id, wrong client secrets (client_credentials and every client authentication). */
  'client-auth-failures': { limit: 10, windowSeconds: 900 },
  /** Per client, appliance commands (each one spends the user's hourly ThinQ quota). */
  'appliance-commands': { limit: 30, windowSeconds: 60 },
  // Onboarding (/v1/accounts). SMS costs money (SMS pumping), codes are guessable, and the
  // recovery routes answer about accounts: see docs/operations.md, "Onboarding limits".
  /** Per client IP, every /v1/accounts route. */
  accounts: { limit: 60, windowSeconds: 60 },
  /** Per phone number, SMS codes sent (SMS bombing of one number). */
  'sms-per-phone': { limit: 5, windowSeconds: 3600 },
  /** Per client IP, SMS codes sent (one client pumping many numbers). */
  'sms-per-ip': { limit: 20, windowSeconds: 3600 },
  /** All instances together, SMS codes sent (the spend ceiling). */
  'sms-global': { limit: 1000, windowSeconds: 3600 },
  /** Per phone number, codes tried (confirm and Lux recover-id): guessing a 6-digit code. */
  'verification-attempts': { limit: 5, windowSeconds: 900 },
  /** Per client IP, sign-ups (account and verification-mail spam). */
  'sign-ups': { limit: 10, windowSeconds: 3600 },
  /** Per client IP, account recovery and password-reset requests. */
  recovery: { limit: 10, windowSeconds: 3600 },
  /** Per e-mail (password reset) or phone (Legacy recover-id): mail bombing, fact guessing. */
  'recovery-per-account': { limit: 5, windowSeconds: 3600 },
  /** Per client IP, e-mail availability checks (an enumeration oracle by design). */
  'email-availability': { limit: 30, windowSeconds: 3600 },
};

export function rateLimits(env: Env, name: string): Record<string, RateLimitRule> {
  const raw = optional(env, name);
  if (raw === undefined) return { ...DEFAULT_RATE_LIMITS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(
      name,
      'must be JSON such as {"default": {"limit": 600, "windowSeconds": 60}}',
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(name, 'must be a JSON object of group -> {limit, windowSeconds}');
  }
  const out = { ...DEFAULT_RATE_LIMITS };
  for (const [group, rule] of Object.entries(parsed as Record<string, unknown>)) {
    const r = rule as Partial<RateLimitRule> | null;
    if (
      !r ||
      !Number.isInteger(r.limit) ||
      !Number.isInteger(r.windowSeconds) ||
      r.limit! < 1 ||
      r.windowSeconds! < 1
    ) {
      throw new ConfigError(
        name,
        `group "${group}" needs whole numbers limit >= 1 and windowSeconds >= 1`,
      );
    }
    out[group] = { limit: r.limit!, windowSeconds: r.windowSeconds! };
  }
  return out;
}

/** ISO 3166-1 alpha-2 codes, comma-separated (`KR,US`); unset or empty: no restriction. */
export function regions(env: Env, name: string): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((part) => {
    const code = part.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) {
      throw new ConfigError(
        name,
        `must be a comma-separated list of ISO 3166-1 alpha-2 codes such as KR,US, got "${part.trim()}"`,
      );
    }
    return code;
  });
}

export function corsOrigins(env: Env, name: string): string[] | '*' | false {
  const raw = optional(env, name);
  if (raw === undefined) return false;
  if (raw === '*') return '*';
  return raw.split(',').map((origin) => {
    const value = origin.trim();
    try {
      const url = new URL(value);
      if (url.origin !== value) throw new Error('not an origin');
    } catch {
      throw new ConfigError(
        name,
        `must be * or a comma-separated list of origins like https://app.example.com, got "${value}"`,
      );
    }
    return value;
  });
}

/** `on` or `off` (also `true`/`false`, `1`/`0`), any case; `fallback` when unset. */
export function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = optional(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['on', 'true', '1'].includes(raw)) return true;
  if (['off', 'false', '0'].includes(raw)) return false;
  throw new ConfigError(name, `must be on or off, got "${raw}"`);
}

/** The text of a PEM file of one or more certificates, each of which Node reads; unset: undefined. */
export function pemCertificateFile(env: Env, name: string): string | undefined {
  const path = optional(env, name);
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(name, `names a file that cannot be read (${code}): ${path}`);
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new ConfigError(name, `holds no PEM certificate: ${path}`);
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw new ConfigError(name, `holds a certificate that cannot be read: ${path}`);
    }
  }
  return blocks.join('\n') + '\n';
}
