import { MESSAGES } from '../login-messages';
import { loggedPage, type LoginPages } from '../login-pages';
import { answer, next, type LoginState, type LoginStep, type StepResult } from './login-step';

/**
 * The warn option (chosen at login, kept by the session): before single sign-on sends the
 * browser to a service, the user confirms it on a page of its own. A login just made needs
 * no confirmation.
 */
export class WarnStep implements LoginStep {
  constructor(private readonly pages: LoginPages) {}

  async run(state: LoginState): Promise<StepResult> {
    const { session, service } = state;
    if (!session || state.fromNewLogin) return next(state);
    if (state.submitted === 'warn') {
      return state.warnTicketValid ? next(state) : answer(loggedPage(session, [MESSAGES.invalidLt]));
    }
    if (session.warn && service.kind === 'allowed') {
      return answer(await this.pages.warn(state.request, service, session));
    }
    return next(state);
  }
}
