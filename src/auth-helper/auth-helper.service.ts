import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { constantTimeEquals } from '../common/constant-time';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { decideAccess } from '../services/attribute-release';
import { ServiceRegistry } from '../services/service-registry.service';
import { LoginThrottle } from '../throttling/login-throttle.service';
import { usernameField, usernameForLog } from '../logging/username-label';

export interface AuthHelperRequest {
  username?: string;
  password?: string;
  service?: string;
  secret?: string;
  clientAddress: string;
}

/**
 * django-cas-server's non-CAS `/auth` helper: a trusted application holding the shared secret
 * asks whether these credentials are good for this service. Nothing is created: no session,
 * no ticket.
 */
@Injectable()
export class AuthHelperService {
  private readonly logger = new Logger('auth-helper');

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly auth: AuthService,
    private readonly registry: ServiceRegistry,
    private readonly throttle: LoginThrottle,
  ) {}

  get enabled(): boolean {
    return this.config.authSharedSecret !== '';
  }

  async check(request: AuthHelperRequest): Promise<boolean> {
    if (!this.enabled) return false;
    if (!constantTimeEquals(request.secret ?? '', this.config.authSharedSecret)) {
      this.logger.warn({
        msg: `/auth refused: wrong shared secret (from ${request.clientAddress})`,
        event: 'auth_helper.bad_secret',
        ip: request.clientAddress,
      });
      return false;
    }
    const { username, password, service } = request;
    if (!username || !password || !service) return false;
    const rules = (await this.registry.match(service))?.rules;
    if (!rules) {
      this.logger.warn({
        msg: `/auth refused: service ${service} is not allowed`,
        event: 'auth_helper.refused',
        url: service,
      });
      return false;
    }
    // The address counted is the application's: it asks on behalf of its users.
    const attempt = await this.throttle.begin(username, request.clientAddress, '/auth');
    if (attempt.blocked) return false;
    const result = await this.auth.authenticate(username, password);
    await (result.ok
      ? attempt.succeeded()
      : result.reason === 'bad_credentials'
        ? attempt.failed()
        : attempt.abandoned());
    await attempt.delay();
    if (!result.ok) {
      this.logger.warn({
        msg: `/auth: credentials of ${usernameForLog(username)} refused for ${rules.name}`,
        event: 'auth_helper.failure',
        user: usernameField(username),
        service: rules.name,
        ip: request.clientAddress,
      });
      return false;
    }
    const decision = decideAccess(rules, result.user.username, result.user.attributes);
    if (!decision.allowed) {
      this.logger.warn({
        msg: `/auth: ${result.user.username} refused for ${rules.name}: ${decision.message}`,
        event: 'auth_helper.refused',
        user: result.user.username,
        service: rules.name,
        reason: decision.message,
      });
      return false;
    }
    this.logger.log({
      msg: `/auth: ${result.user.username} accepted for ${rules.name}`,
      event: 'auth_helper.success',
      user: result.user.username,
      service: rules.name,
      ip: request.clientAddress,
    });
    return true;
  }
}
