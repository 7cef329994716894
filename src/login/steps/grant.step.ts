import type { ServiceTicketGrant } from '../../grant/service-ticket-grant';
import { appendParameter } from '../../services/service-url';
import { MESSAGES } from '../login-messages';
import { loggedPage } from '../login-pages';
import { answer, type LoginState, type LoginStep, type StepResult } from './login-step';

/** The last step: the session's user goes on to the service with a ticket, or stays logged in here. */
export class GrantStep implements LoginStep {
  constructor(private readonly grant: Pick<ServiceTicketGrant, 'serviceTicket'>) {}

  async run(state: LoginState): Promise<StepResult> {
    const { session, service, request } = state;
    if (!session) throw new Error('the login flow reached the grant without a session');
    if (service.kind === 'none') {
      return answer(loggedPage(session, state.fromNewLogin ? [MESSAGES.loginSuccess] : []));
    }
    if (service.kind === 'disallowed') return answer(loggedPage(session, [MESSAGES.serviceNotAllowed]));

    const { rules, target } = service;
    const granted = await this.grant.serviceTicket(session, rules, target.url, state.fromNewLogin);
    if (!granted.issued && granted.reason === 'too_long') {
      return answer(loggedPage(session, [MESSAGES.valueTooLongForService]));
    }
    if (!granted.issued) {
      const refused = [MESSAGES.refused(granted.decision, rules.userField)];
      // gateway: the service asked not to be shown a CAS page; it gets its browser back with no
      // ticket, as for an anonymous user (L-07, L-09; django-cas-server does the same).
      if (request.gateway && !request.renew) {
        return answer({ kind: 'redirect', url: target.url, ticketIssued: false, messages: refused });
      }
      return answer(loggedPage(session, refused));
    }
    if (request.method?.toUpperCase() === 'POST') {
      return answer({
        kind: 'post',
        action: target.url,
        fields: [{ name: target.ticketParam, value: granted.ticket }],
      });
    }
    return answer({
      kind: 'redirect',
      url: appendParameter(target.url, target.ticketParam, granted.ticket),
      ticketIssued: true,
    });
  }
}
