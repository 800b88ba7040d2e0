import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { ConferenceModule } from '../conference/conference.module';
import { DevicesModule } from '../devices/devices.module';
import { MeModule } from '../me/me.module';
import { TherapyModule } from '../therapy/therapy.module';
import { HomeController } from './home.controller';
import { HomeService } from './home.service';

@Module({
  imports: [MeModule, DevicesModule, TherapyModule, ConferenceModule, CommonModule],
  controllers: [HomeController],
  providers: [HomeService],
})
export class HomeModule {}
