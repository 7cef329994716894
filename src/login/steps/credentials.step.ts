import { Logger } from '@nestjs/common';
import type { AuthService } from '../../auth/auth.service';
import { usernameField, usernameForLog } from '../../logging/username-label';
import type { MetricsService } from '../../metrics/metrics.service';
import type { FormField, Message } from '../../i18n/message';
import type { LoginThrottle } from '../../throttling/login-throttle.service';
import { MESSAGES } from '../login-messages';
import type { FormOptions, LoginPages } from '../login-pages';
import { answer, next, type LoginState, type LoginStep, type StepResult } from './login-step';

/**
 * The credentials form's username and password, checked against the authentication source
 * under the login throttle. A right password is never refused by the throttle's counting,
 * only while a block already stands, and then without asking the source.
 */
export class CredentialsStep implements LoginStep {
  private readonly logger = new Logger('login');

  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    private readonly metrics: MetricsService,
    private readonly pages: LoginPages,
  ) {}

  async run(state: LoginState): Promise<StepResult> {
    if (state.session || state.submitted !== 'credentials') return next(state);
    const { request, service } = state;
    const username = request.username ?? '';
    const password = request.password ?? '';
    const refuse = async (messages: Message[], options: FormOptions): Promise<StepResult> =>
      answer(await this.pages.form(request, service, messages, { username, ...options }));

    if (username === '' || password === '') {
      // Not a guess: refused without asking the source or counting a failure.
      const empty: FormField[] = [];
      if (username === '') empty.push('username');
      if (password === '') empty.push('password');
      return refuse([MESSAGES.missing(empty)], { status: 401 });
    }
    const attempt = await this.throttle.begin(username, request.clientAddress, 'login');
    if (attempt.blocked) {
      // The same answer whether or not the user exists; the source is not even asked.
      this.metrics.throttled();
      return refuse([MESSAGES.throttled(attempt.retryAfterMs)], { status: 429, retryAfter: attempt.retryAfterSeconds });
    }
    const result = await this.auth.authenticate(username, password);
    if (!result.ok && result.reason === 'attributes_too_large') {
      // The password was right: not a failure to count, but no session either (logged by auth).
      this.metrics.login('attributes_too_large');
      await attempt.abandoned();
      await attempt.delay();
      return refuse([MESSAGES.attributesTooLarge], { status: 403 });
    }
    if (!result.ok) {
      // Not the person's failure when the credentials could not be checked (auth logged why).
      const down = result.reason !== 'bad_credentials';
      this.metrics.login(result.reason);
      const why = down
        ? result.reason === 'internal_error'
          ? 'internal error'
          : 'authentication source unavailable'
        : 'bad credentials';
      this.logger.warn({
        msg: `login failed for ${usernameForLog(username)} from ${request.clientAddress}: ${why}`,
        event: 'login.failure',
        user: usernameField(username),
        ip: request.clientAddress,
        reason: result.reason,
      });
      await (down ? attempt.abandoned() : attempt.failed());
      await attempt.delay();
      const status = result.reason === 'internal_error' ? 500 : down ? 503 : 401;
      return refuse([down ? MESSAGES.sourceDown : MESSAGES.badCredentials], { status });
    }
    await attempt.succeeded();
    // The delay is held once the session is open (session.step.ts), as a failure holds it.
    return next(state, { authenticated: { user: result.user, hold: () => attempt.delay() } });
  }
}
