import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AuthHelperModule } from '../auth-helper/auth-helper.module';
import { LoginController } from '../login/login.controller';
import { LoginResponder } from '../login/login.responder';
import { LoginService } from '../login/login.service';
import { LogoutModule } from '../logout/logout.module';
import { PreferencesController } from '../pages/preferences.controller';
import { ProxyModule } from '../proxy/proxy.module';
import { SamlModule } from '../saml/saml.module';
import { ServicesModule } from '../services/services.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ThrottlingModule } from '../throttling/throttling.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ValidationModule } from '../validation/validation.module';
import { Family } from './family';
import { ViewsModule } from './views.module';

/** The modules of the endpoint families, all under CAS_PATH_PREFIX (see AppModule). */
export const FAMILY_MODULES = [ValidationModule, ProxyModule, SamlModule, LogoutModule, AuthHelperModule];

// The login pages' controllers are tagged here, as a class decorator would (same effect).
Family('login')(LoginController);
Family('pages')(PreferencesController);

/** The CAS protocol: the endpoint families, and the login pages with what they share. */
@Module({
  imports: [
    AuthModule,
    ServicesModule,
    SessionsModule,
    ThrottlingModule,
    TicketsModule,
    ViewsModule,
    ...FAMILY_MODULES,
  ],
  controllers: [LoginController, PreferencesController],
  providers: [LoginService, LoginResponder],
  exports: [LoginResponder],
})
export class ProtocolModule {}
