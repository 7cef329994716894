import type { FactoryProvider, InjectionToken, Type } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { ServiceTicketGrant } from '../grant/service-ticket-grant';
import { MetricsService } from '../metrics/metrics.service';
import { SessionService } from '../sessions/session.service';
import { SessionTerminator } from '../sessions/session-terminator.service';
import { LoginThrottle } from '../throttling/login-throttle.service';
import { LoginTicketService } from '../tickets/login-ticket.service';
import { FormTickets } from './form-tickets';
import type { LoginResponse } from './login-outcome';
import { LoginPages } from './login-pages';
import type { CredentialsRequest, LoginRequest } from './login-request';
import { ServiceResolver } from './service-resolution';
import { AskCredentialsStep } from './steps/ask-credentials.step';
import { CredentialsStep } from './steps/credentials.step';
import { GrantStep } from './steps/grant.step';
import { LoginTicketStep } from './steps/login-ticket.step';
import { runSteps, type LoginStep, type Submitted } from './steps/login-step';
import { SessionStep } from './steps/session.step';
import { SsoStep } from './steps/sso.step';
import { WarnStep } from './steps/warn.step';

/** A step and the providers its constructor takes, in order. */
function step(type: Type<LoginStep>, inject: InjectionToken[]): FactoryProvider<LoginStep> {
  return { provide: type, inject, useFactory: (...deps: unknown[]) => new type(...deps) };
}

/**
 * The /login flow: these steps, run in this order for every request (GET, credentials POST,
 * warn confirmation POST).
 *
 * The step contract (steps/login-step.ts): a step receives the `LoginState` (the request,
 * what was submitted, the service resolved once, and what earlier steps established: the
 * authenticated user, the SSO session, the TGC change) and answers either
 * - `next(state, changes)`: not mine, or done: go on with the state, enriched; or
 * - `answer(outcome)`: the flow ends with this outcome: a page (form, warn, logged, POST to the
 *   service), a redirect, or a refusal (a form with an error status).
 * A step decides from the state alone whether it applies and never calls another step. The TGC
 * change in the state goes out with the answer; HTTP, cookies and pages stay in login.responder.ts.
 *
 * A second factor (issue 17) is a step file and one line between CredentialsStep and
 * SessionStep: there it sees `state.authenticated` (a password just checked) or `state.session`
 * (single sign-on, for a service's step-up) and `state.service`, and answers with its own page
 * or goes on, before any session is opened or ticket issued.
 */
export const LOGIN_STEPS: ReadonlyArray<FactoryProvider<LoginStep>> = [
  step(LoginTicketStep, [LoginTicketService, MetricsService, LoginPages]),
  step(SsoStep, [SessionService]),
  step(AskCredentialsStep, [LoginPages]),
  step(CredentialsStep, [AuthService, LoginThrottle, MetricsService, LoginPages]),
  step(SessionStep, [AuthService, SessionService, SessionTerminator, MetricsService, LoginPages]),
  step(WarnStep, [LoginPages]),
  step(GrantStep, [ServiceTicketGrant]),
];

export class LoginFlow {
  constructor(
    private readonly resolver: ServiceResolver,
    private readonly formTickets: FormTickets,
    private readonly steps: readonly LoginStep[],
  ) {}

  /** GET /login. */
  requestCredentials(request: LoginRequest): Promise<LoginResponse> {
    return this.run({ ...request, warned: false }, null);
  }

  /** POST /login: the credentials form, or the warn page's confirmation. */
  acceptCredentials(request: CredentialsRequest): Promise<LoginResponse> {
    return this.run(request, request.warned ? 'warn' : 'credentials');
  }

  private async run(request: CredentialsRequest, submitted: Submitted): Promise<LoginResponse> {
    // Login tickets are bound to the browser's pre-session cookie; a new one goes out with the
    // pages that carry a ticket.
    const browser = await this.formTickets.browser(request.browser);
    const { outcome, state } = await runSteps(this.steps, {
      request: { ...request, browser: browser.id },
      submitted,
      service: await this.resolver.resolve(request),
      fromNewLogin: false,
      cookie: null,
    });
    const response: LoginResponse = { outcome, cookie: state.cookie };
    return browser.fresh && (outcome.kind === 'form' || outcome.kind === 'warn')
      ? { ...response, browser: browser.id }
      : response;
  }

  /** The flow's provider, with the steps of LOGIN_STEPS. */
  static readonly provider: FactoryProvider<LoginFlow> = {
    provide: LoginFlow,
    inject: [ServiceResolver, FormTickets, ...LOGIN_STEPS.map((s) => s.provide)],
    useFactory: (resolver: ServiceResolver, tickets: FormTickets, ...steps: LoginStep[]) =>
      new LoginFlow(resolver, tickets, steps),
  };
}
