import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { THINQ_DEMO_TOKENS } from '../../sandbox/thinq/demo-data';
import { LinkedAccounts } from '../../auth/links/linked-accounts.service';

/**
 * The sandbox's demo users (`demo@junction.dev`: Lux account 1 and Legacy account 1 of the Nueyne
 * simulator's demo data) as gateway users.
 */
export const SANDBOX_DEMO_USERS = ['lux:1', 'legacy:1'] as const;

/**
 * In the sandbox (every upstream a built-in simulator), the demo users come linked to the ThinQ
 * simulator's demo account (`thinq-demo-token`, KR), so every route answers at the first sign-in
 * (Swagger's "Try it out" too). Only a user without a ThinQ link gets it: a link made or removed
 * by hand stands until the next start. Never outside the sandbox.
 */
@Injectable()
export class SandboxDemoLinks implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sandbox');

  constructor(
    private readonly config: AppConfig,
    private readonly links: LinkedAccounts,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.sandbox.enabled) return;
    try {
      for (const sub of SANDBOX_DEMO_USERS) {
        await this.links.saveThinq(
          { kind: 'user', sub, sid: 'sandbox' },
          THINQ_DEMO_TOKENS.userA,
          'KR',
          this.clock.now(),
          { ifAbsent: true },
        );
      }
    } catch (error) {
      this.logger.warn(`The demo users were not linked to ThinQ: ${String(error)}`);
    }
  }
}
