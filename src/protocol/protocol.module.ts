import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ServicesModule } from '../services/services.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ThrottlingModule } from '../throttling/throttling.module';
import { AuthHelperController } from '../auth-helper/auth-helper.controller';
import { AuthHelperService } from '../auth-helper/auth-helper.service';
import { LoginController } from '../login/login.controller';
import { LoginResponder } from '../login/login.responder';
import { LoginService } from '../login/login.service';
import { LogoutController } from '../logout/logout.controller';
import { LogoutService } from '../logout/logout.service';
import { ProxyCallbackClient } from '../proxy/proxy-callback';
import { ProxyController } from '../proxy/proxy.controller';
import { ProxyGrantingService } from '../proxy/proxy-granting.service';
import { ProxyService } from '../proxy/proxy.service';
import { SamlController } from '../saml/saml.controller';
import { SamlValidationService } from '../saml/saml-validation.service';
import { PreferencesController } from '../pages/preferences.controller';
import { ValidateController } from '../validation/validate.controller';
import { ValidationService } from '../validation/validation.service';
import { ViewRenderer } from '../pages/view-renderer.service';

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
