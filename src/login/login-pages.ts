import type { CasConfig } from '../config/cas-config';
import type { Message } from '../i18n/message';
import type { SsoSession } from '../sessions/sso-session.entity';
import type { FormTickets } from './form-tickets';
import { MESSAGES } from './login-messages';
import type { FormFields, LoginOutcome } from './login-outcome';
import type { LoginRequest } from './login-request';
import type { AllowedService, ServiceResolution } from './service-resolution';

/** The hidden fields a login or warn form carries on to its POST. */
export function formFields(request: LoginRequest, service: ServiceResolution): FormFields {
  const method = request.method?.toUpperCase();
  return {
    // An unknown service is not carried into the form: logging in then just opens a session.
    service: service.kind === 'allowed' ? service.target.url : undefined,
    serviceParam: request.serviceParam,
    method: method === 'POST' ? 'POST' : undefined,
    renew: request.renew,
    gateway: request.gateway && !request.renew,
  };
}

/** The "you are logged in" page. */
export function loggedPage(session: SsoSession, messages: Message[]): LoginOutcome {
  return { kind: 'logged', messages, username: session.username, since: session.createdAt };
}

export interface FormOptions {
  status?: number;
  username?: string;
  showForm?: boolean;
  retryAfter?: number;
}

/** The pages of the login flow that carry a login ticket: the credentials form and the warn page. */
export class LoginPages {
  constructor(
    private readonly config: Pick<CasConfig, 'showServiceMessages'>,
    private readonly tickets: Pick<FormTickets, 'issue'>,
  ) {}

  /** What the form says about the service asked for. */
  serviceMessages(service: ServiceResolution, renew: boolean): Message[] {
    if (service.kind === 'none') return [];
    if (service.kind === 'disallowed') return [MESSAGES.serviceNotAllowed];
    if (!this.config.showServiceMessages) return [];
    return [renew ? MESSAGES.renewal(service.target) : MESSAGES.required(service.target)];
  }

  async form(
    request: LoginRequest & { browser: string },
    service: ServiceResolution,
    messages: Message[],
    options: FormOptions = {},
  ): Promise<LoginOutcome> {
    return {
      kind: 'form',
      status: options.status ?? 200,
      messages,
      fields: formFields(request, service),
      lt: await this.tickets.issue(request.browser),
      username: options.username,
      warn: request.warn,
      showForm: options.showForm ?? true,
      ...(options.retryAfter === undefined ? {} : { retryAfter: options.retryAfter }),
    };
  }

  async warn(
    request: LoginRequest & { browser: string },
    service: AllowedService,
    session: SsoSession,
  ): Promise<LoginOutcome> {
    return {
      kind: 'warn',
      fields: formFields(request, service),
      lt: await this.tickets.issue(request.browser),
      username: session.username,
      target: service.target,
    };
  }
}
