import { Module } from '@nestjs/common';
import { GrantModule } from '../grant/grant.module';
import { ServicesModule } from '../services/services.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ProxyCallbackClient } from './proxy-callback';
import { ProxyController } from './proxy.controller';
import { ProxyGrantingService } from './proxy-granting.service';
import { ProxyService } from './proxy.service';

/** CAS 2.0 proxying: /proxy, and the proxy-granting tickets validation hands out. */
@Module({
  imports: [GrantModule, ServicesModule, SessionsModule, TicketsModule],
  controllers: [ProxyController],
  providers: [ProxyCallbackClient, ProxyGrantingService, ProxyService],
  exports: [ProxyGrantingService],
})
export class ProxyModule {}
