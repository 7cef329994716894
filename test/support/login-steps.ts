import { DEFAULT_DEFINITION } from '../../src/services/service-definition';
import type { ServiceRules } from '../../src/services/service-rules';
import { SsoSession } from '../../src/sessions/sso-session.entity';
import { LoginPages } from '../../src/login/login-pages';
import type { AllowedService } from '../../src/login/service-resolution';
import type { LoginState, StepResult } from '../../src/login/steps/login-step';

/** Shared by the step specs: states, sessions and services as the flow would hand them on. */
export const BROWSER = 'b'.repeat(64);

/** Login pages whose tickets name the browser they are for, so a spec can see which one. */
export function pages(showServiceMessages = true): LoginPages {
  return new LoginPages({ showServiceMessages }, { issue: (browser) => Promise.resolve(`LT-for-${browser}`) });
}

export function session(changes: Partial<SsoSession> = {}): SsoSession {
  return Object.assign(new SsoSession(), {
    id: 'session-1',
    username: 'alice',
    attributes: { mail: 'alice@example.org' },
    createdAt: 1_700_000_000_000,
    warn: false,
    ...changes,
  });
}

export function rules(changes: Partial<ServiceRules> = {}): ServiceRules {
  return {
    ...DEFAULT_DEFINITION,
    id: 7,
    position: 0,
    name: 'App',
    pattern: '^https://app\\.example\\.org/',
    ...changes,
  };
}

export function allowed(ticketParam: 'ticket' | 'SAMLart' = 'ticket'): AllowedService {
  return {
    kind: 'allowed',
    rules: rules(),
    target: { url: 'https://app.example.org/', name: 'App', ticketParam, serviceParam: 'service' },
  };
}

export function state(changes: Partial<LoginState> = {}, request: Partial<LoginState['request']> = {}): LoginState {
  return {
    request: {
      serviceParam: 'service',
      renew: false,
      gateway: false,
      warn: false,
      warned: false,
      clientAddress: '192.0.2.1',
      browser: BROWSER,
      ...request,
    },
    submitted: null,
    service: { kind: 'none' },
    fromNewLogin: false,
    cookie: null,
    ...changes,
  };
}

/** The outcome a step answered with (fails the spec when the step went on instead). */
export function answered(result: StepResult) {
  if (!('answer' in result)) throw new Error('the step went on instead of answering');
  return result.answer;
}
