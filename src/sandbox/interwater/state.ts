import {
  DEMO_LICENSE_ID,
  demoLicense,
  demoSessions,
  demoUsage,
  type InterwaterLicense,
  type InterwaterSession,
  type UsageRow,
} from './demo-data';
import { TokenAuthority } from './tokens';

export interface InterwaterStateConfig {
  accessKey: string;
  secretKey: string;
  maxTtlSeconds: number;
  now: () => number;
}

/** Everything the Interwater simulator remembers: license, rooms, usage, signing key. */
export class InterwaterState {
  license: InterwaterLicense = demoLicense();
  sessions: InterwaterSession[] = [];
  usage: UsageRow[] = [];
  readonly tokens: TokenAuthority;

  constructor(readonly config: InterwaterStateConfig) {
    this.tokens = new TokenAuthority(config.now);
    this.reset();
  }

  /** Demo license, rooms and usage (relative to `now()`); issued tokens stay valid. */
  reset(): void {
    this.license = demoLicense();
    this.sessions = demoSessions();
    this.usage = demoUsage(this.config.now());
  }

  issueToken(options: { ttlSeconds: number; isOwner?: boolean }): Promise<string> {
    return this.tokens.issue({
      id: DEMO_LICENSE_ID,
      domain: this.license.domain,
      accessKey: this.config.accessKey,
      ttlSeconds: options.ttlSeconds,
      isOwner: options.isOwner,
    });
  }
}
