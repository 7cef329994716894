import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ServicesModule } from '../services/services.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TicketsModule } from '../tickets/tickets.module';
import { LoginController } from './login.controller';
import { LoginResponder } from './login.responder';
import { LoginService } from './login.service';
import { LogoutController } from './logout.controller';
import { LogoutService } from './logout.service';
import { PreferencesController } from './preferences.controller';
import { ValidateController } from './validate.controller';
import { ValidationService } from './validation.service';
import { ViewRenderer } from './view-renderer.service';

@Module({
  imports: [AuthModule, ServicesModule, SessionsModule, TicketsModule],
  controllers: [LoginController, LogoutController, PreferencesController, ValidateController],
  exports: [LoginResponder],
  providers: [LoginService, LoginResponder, LogoutService, ValidationService, ViewRenderer],
})
export class ProtocolModule {}
