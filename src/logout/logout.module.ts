import { Module } from '@nestjs/common';
import { ServicesModule } from '../services/services.module';
import { SessionsModule } from '../sessions/sessions.module';
import { PagesModule } from '../pages/pages.module';
import { LogoutController } from './logout.controller';
import { LogoutResponder } from './logout.responder';
import { LogoutService } from './logout.service';

/** /logout: ends the SSO session, with single logout of its services. */
@Module({
  imports: [PagesModule, ServicesModule, SessionsModule],
  controllers: [LogoutController],
  providers: [LogoutService, LogoutResponder],
})
export class LogoutModule {}
