import { Module } from '@nestjs/common';
import { ServicesModule } from '../services/services.module';
import { SingleLogout } from './single-logout.service';
import { SloSender } from './slo-sender.service';

@Module({
  imports: [ServicesModule],
  providers: [SloSender, SingleLogout],
  exports: [SingleLogout, SloSender],
})
export class SingleLogoutModule {}
