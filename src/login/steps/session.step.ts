import { Logger } from '@nestjs/common';
import type { AuthService } from '../../auth/auth.service';
import { ValueTooLongError } from '../../database/column-limits';
import { usernameForLog } from '../../logging/username-label';
import type { MetricsService } from '../../metrics/metrics.service';
import type { SessionService } from '../../sessions/session.service';
import type { SessionTerminator } from '../../sessions/session-terminator.service';
import type { SsoSession } from '../../sessions/sso-session.entity';
import { MESSAGES } from '../login-messages';
import type { LoginPages } from '../login-pages';
import { answer, next, type LoginState, type LoginStep, type StepResult } from './login-step';

/** Once the user is known from their credentials (and any further factor): the SSO session. */
export class SessionStep implements LoginStep {
  private readonly logger = new Logger('login');

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly terminator: SessionTerminator,
    private readonly metrics: MetricsService,
    private readonly pages: LoginPages,
  ) {}

  async run(state: LoginState): Promise<StepResult> {
    const { authenticated, request } = state;
    if (!authenticated) return next(state);
    // The cookie changes at every login (session fixation, SEC-26). The same user keeps their
    // session and its service sessions (a renew must not log them out of everything); another
    // user's session in this browser ends.
    const previous = request.cookie ? await this.sessions.findAnyByCookie(request.cookie) : null;
    const user = authenticated.user;
    let opened: { session: SsoSession; cookie: string };
    try {
      if (previous && previous.username === user.username && this.sessions.isAlive(previous)) {
        opened = await this.sessions.renew(previous, user, request.warn);
      } else {
        opened = await this.sessions.create(user, this.auth.backend.name, request.warn);
        // Only once the new session exists, so a refused one leaves the previous one alone.
        if (previous) await this.terminator.end(previous, 'another user logged in', 0);
      }
    } catch (err) {
      if (!(err instanceof ValueTooLongError)) throw err;
      const username = request.username ?? '';
      this.logger.warn(`login of ${usernameForLog(username)} refused: ${err.message}`);
      return answer(
        await this.pages.form(request, state.service, [MESSAGES.accountTooLong], { status: 422, username }),
      );
    }
    const { session, cookie } = opened;
    this.metrics.login('success');
    this.logger.log({
      msg: `user ${session.username} logged in from ${request.clientAddress} (session ${session.id})`,
      event: 'login.success',
      user: session.username,
      ip: request.clientAddress,
      session: session.id,
    });
    // Held like a failure would be, so the time of the answer does not tell the two apart.
    await authenticated.hold();
    return next(state, { session, fromNewLogin: true, cookie: { set: cookie } });
  }
}
