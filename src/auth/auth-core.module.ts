import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { NearCacheModule } from '../near-cache/near-cache.module';
import { RedisModule } from '../redis/redis.module';
import { CredentialVault } from './crypto/credential-vault';
import { AccessTokenService } from './jwt/access-token.service';
import { SigningKeys } from './jwt/signing-keys';
import { LinkedAccounts } from './links/linked-accounts.service';
import { SessionService } from './session/session.service';
import { StreamTickets } from './tickets/stream-tickets';

const PROVIDERS = [
  CredentialVault,
  SigningKeys,
  AccessTokenService,
  SessionService,
  LinkedAccounts,
  StreamTickets,
];

/**
 * What the gateway keeps about a signed-in user: sessions, linked upstream accounts, the
 * credential vault, access tokens and stream tickets. The upstream clients and the features read
 * it; it needs no upstream, so the upstream modules import it and nothing in auth imports them
 * (AuthModule is handed its sign-in adapter's module).
 */
@Module({
  imports: [RedisModule, NearCacheModule, CommonModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class AuthCoreModule {}
