import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ServicesModule } from '../services/services.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ThrottlingModule } from '../throttling/throttling.module';
import { GrantModule } from '../grant/grant.module';
import { LoginModule } from '../login/login.module';
import { PagesModule } from '../pages/pages.module';
import { AuthHelperController } from '../auth-helper/auth-helper.controller';
import { AuthHelperService } from '../auth-helper/auth-helper.service';
import { LogoutController } from '../logout/logout.controller';
import { LogoutService } from '../logout/logout.service';
import { ProxyCallbackClient } from '../proxy/proxy-callback';
import { ProxyController } from '../proxy/proxy.controller';
import { ProxyGrantingService } from '../proxy/proxy-granting.service';
import { ProxyService } from '../proxy/proxy.service';
import { SamlController } from '../saml/saml.controller';
import { SamlValidationService } from '../saml/saml-validation.service';
import { ValidateController } from '../validation/validate.controller';
import { ValidationService } from '../validation/validation.service';

@Module({
  imports: [
    AuthModule,
    ServicesModule,
    SessionsModule,
    TicketsModule,
    ThrottlingModule,
    GrantModule,
    LoginModule,
    PagesModule,
  ],
  controllers: [LogoutController, ValidateController, ProxyController, SamlController, AuthHelperController],
  providers: [
    LogoutService,
    ValidationService,
    ProxyCallbackClient,
    ProxyGrantingService,
    ProxyService,
    SamlValidationService,
    AuthHelperService,
  ],
})
export class ProtocolModule {}
