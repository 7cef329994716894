import { Module } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { AuthModule } from '../auth/auth.module';
import { GrantModule } from '../grant/grant.module';
import { PagesModule } from '../pages/pages.module';
import { ServicesModule } from '../services/services.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ThrottlingModule } from '../throttling/throttling.module';
import { TicketsModule } from '../tickets/tickets.module';
import { FormTickets } from './form-tickets';
import { LoginController } from './login.controller';
import { LOGIN_STEPS, LoginFlow } from './login.flow';
import { LoginPages } from './login-pages';
import { LoginResponder } from './login.responder';
import { ServiceResolver } from './service-resolution';

/** /login: the flow of steps (login.flow.ts), its controller and its responder. */
@Module({
  imports: [AuthModule, GrantModule, PagesModule, ServicesModule, SessionsModule, ThrottlingModule, TicketsModule],
  controllers: [LoginController],
  providers: [
    FormTickets,
    ServiceResolver,
    LoginResponder,
    {
      provide: LoginPages,
      inject: [CAS_CONFIG, FormTickets],
      useFactory: (config: CasConfig, tickets: FormTickets) => new LoginPages(config, tickets),
    },
    ...LOGIN_STEPS,
    LoginFlow.provider,
  ],
})
export class LoginModule {}
