import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { repositoryProvider } from '../database/repository-provider';
import { SingleLogoutModule } from '../single-logout/single-logout.module';
import { TicketsModule } from '../tickets/tickets.module';
import { SessionTerminator } from './session-terminator.service';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { SsoSession } from './sso-session.entity';

@Module({
  imports: [TypeOrmModule.forFeature([SsoSession]), TicketsModule, SingleLogoutModule],
  providers: [repositoryProvider(SessionRepository, SsoSession), SessionService, SessionTerminator],
  exports: [SessionService, SessionTerminator],
})
export class SessionsModule {}
