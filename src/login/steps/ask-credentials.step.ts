import type { LoginPages } from '../login-pages';
import { answer, next, type LoginState, type LoginStep, type StepResult } from './login-step';

/** No session and no credentials sent: the login form, or for a gateway request, no form at all. */
export class AskCredentialsStep implements LoginStep {
  constructor(private readonly pages: LoginPages) {}

  async run(state: LoginState): Promise<StepResult> {
    if (state.session || state.submitted === 'credentials') return next(state);
    const { request, service } = state;
    // gateway: never ask for credentials (L-07); renew wins over gateway (L-06); gateway
    // without a service means nothing (L-10).
    if (request.gateway && !request.renew && service.kind !== 'none') {
      if (service.kind === 'disallowed') {
        return answer(
          await this.pages.form(request, service, this.pages.serviceMessages(service, false), { showForm: false }),
        );
      }
      return answer({ kind: 'redirect', url: service.target.url, ticketIssued: false });
    }
    return answer(await this.pages.form(request, service, this.pages.serviceMessages(service, request.renew)));
  }
}
