import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ServicesModule } from '../services/services.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ThrottlingModule } from '../throttling/throttling.module';
import { AuthHelperController } from './auth-helper.controller';
import { AuthHelperService } from './auth-helper.service';
import { LoginController } from './login.controller';
import { LoginResponder } from './login.responder';
import { LoginService } from './login.service';
import { LogoutController } from './logout.controller';
import { LogoutService } from './logout.service';
import { ProxyCallbackClient } from './proxy-callback';
import { ProxyController } from './proxy.controller';
import { ProxyGrantingService } from './proxy-granting.service';
import { ProxyService } from './proxy.service';
import { SamlController } from './saml.controller';
import { SamlValidationService } from './saml-validation.service';
import { PreferencesController } from './preferences.controller';
import { ValidateController } from './validate.controller';
import { ValidationService } from './validation.service';
import { ViewRenderer } from './view-renderer.service';

@Module({
  imports: [AuthModule, ServicesModule, SessionsModule, TicketsModule, ThrottlingModule],
  controllers: [
    LoginController,
    LogoutController,
    PreferencesController,
    ValidateController,
    ProxyController,
    SamlController,
    AuthHelperController,
  ],
  exports: [LoginResponder],
  providers: [
    LoginService,
    LoginResponder,
    LogoutService,
    ValidationService,
    ViewRenderer,
    ProxyCallbackClient,
    ProxyGrantingService,
    ProxyService,
    SamlValidationService,
    AuthHelperService,
  ],
})
export class ProtocolModule {}
