import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { CommonModule } from '../../common/common.module';
import { ThinqModule } from '../../upstreams/thinq/thinq.module';
import { NueyneModule } from '../../upstreams/nueyne/nueyne.module';
import { LinksController } from './links.controller';
import { LinksService } from './links.service';
import { SandboxDemoLinks } from './sandbox-demo-links';

/**
 * `/v1/me/links`: the upstream accounts a user links (a Nueyne sign-in, a ThinQ token checked
 * by the ThinQ adapter), and in the sandbox the demo users' ThinQ link.
 */
@Module({
  imports: [AuthModule.signingInWith(NueyneModule), CommonModule, ThinqModule],
  controllers: [LinksController],
  providers: [LinksService, SandboxDemoLinks],
})
export class LinksModule {}
