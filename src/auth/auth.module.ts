import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { CredentialVault } from './crypto/credential-vault';
import { AccessTokenService } from './jwt/access-token.service';
import { SigningKeys } from './jwt/signing-keys';
import { LinkedAccounts } from './links/linked-accounts.service';
import { LinksController } from './links/links.controller';
import { LinksService } from './links/links.service';
import { SandboxDemoLinks } from './links/sandbox-demo-links';
import { ClientAuthenticator } from './oauth/client-authenticator';
import { OAuthService } from './oauth/oauth.service';
import { TokenController } from './oauth/token.controller';
import { WellKnownController } from './oauth/well-known.controller';
import { SessionService } from './session/session.service';
import { StreamTickets } from './tickets/stream-tickets';

/** Unified auth: token endpoint, sessions, JWTs, the global guard, the credential vault, links. */
@Global()
@Module({
  controllers: [TokenController, WellKnownController, LinksController],
  providers: [
    CredentialVault,
    SigningKeys,
    AccessTokenService,
    SessionService,
    LinkedAccounts,
    ClientAuthenticator,
    OAuthService,
    LinksService,
    SandboxDemoLinks,
    StreamTickets,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [
    CredentialVault,
    AccessTokenService,
    SessionService,
    LinkedAccounts,
    OAuthService,
    StreamTickets,
  ],
})
export class AuthModule {}
