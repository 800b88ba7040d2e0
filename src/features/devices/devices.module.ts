import { Module } from '@nestjs/common';
import { AppliancesModule } from '../appliances/appliances.module';
import { TherapyModule } from '../therapy/therapy.module';
import { DevicesController } from './devices.controller';
import { DevicesService } from './devices.service';

@Module({
  imports: [TherapyModule, AppliancesModule],
  controllers: [DevicesController],
  providers: [DevicesService],
  exports: [DevicesService],
})
export class DevicesModule {}
