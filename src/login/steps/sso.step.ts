import type { SessionService } from '../../sessions/session.service';
import { next, type LoginState, type LoginStep, type StepResult } from './login-step';

/** Single sign-on: the browser's live SSO session stands for the credentials, unless renew asks again. */
export class SsoStep implements LoginStep {
  constructor(private readonly sessions: SessionService) {}

  async run(state: LoginState): Promise<StepResult> {
    // A credentials form opens a session of its own (session.step.ts).
    if (state.submitted === 'credentials') return next(state);
    const { request } = state;
    const session = await this.sessions.findByCookie(request.cookie);
    // A warn confirmation is for the session that showed the warn page, whatever it carries.
    if (session && (state.submitted === 'warn' || !request.renew)) return next(state, { session });
    // A cookie naming no live session is cleared with whatever page follows.
    return next(state, { cookie: request.cookie && !session ? { clear: true } : null });
  }
}
