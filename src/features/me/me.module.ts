import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { MeService } from './me.service';

/** `/v1/me`: the Lux account (NueyneModule and AuthModule are global). */
@Module({ controllers: [MeController], providers: [MeService], exports: [MeService] })
export class MeModule {}
