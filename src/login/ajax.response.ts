import { appendParameter } from '../services/service-url';
import type { LoginOutcome } from './login-outcome';
import type { Message } from '../i18n/message';

/** A message of an AJAX answer, already translated. */
export interface AjaxMessage {
  message: string;
  level: Message['level'];
}

export interface AjaxAnswer {
  status: 'success' | 'error';
  detail: string;
  url?: string;
  messages?: AjaxMessage[];
  session_nb?: number;
}

/**
 * The JSON of django-cas-server's AJAX mode for a /login outcome (`CAS_ENABLE_AJAX_AUTH` and
 * an `X-AJAX` header): the same decisions as the pages, told to a script instead of a person.
 */
export function loginAjax(outcome: LoginOutcome, loginUrl: string, messages: AjaxMessage[]): AjaxAnswer {
  switch (outcome.kind) {
    case 'redirect':
      if (outcome.ticketIssued) return { status: 'success', detail: 'auth', url: outcome.url };
      // A logged-in user the service refuses is told so, as without gateway.
      if (outcome.messages?.length) return { status: 'error', detail: 'auth', messages };
      return { status: 'error', detail: 'login required', url: loginUrl, messages };
    case 'post': {
      const url = outcome.fields.reduce((u, f) => appendParameter(u, f.name, f.value), outcome.action);
      return { status: 'success', detail: 'auth', url };
    }
    case 'warn':
      return { status: 'error', detail: 'confirmation needed' };
    case 'logged':
      return messages.some((m) => m.level === 'error')
        ? { status: 'error', detail: 'auth', messages }
        : { status: 'success', detail: 'logged' };
    case 'form':
      return { status: 'error', detail: 'login required', url: loginUrl, messages };
  }
}

/** The JSON of a /logout in AJAX mode; `url` when the page would have redirected. */
export function logoutAjax(sessionsClosed: number, redirectUrl?: string): AjaxAnswer {
  const answer: AjaxAnswer = { status: 'success', detail: 'logout', session_nb: sessionsClosed };
  if (redirectUrl !== undefined) answer.url = redirectUrl;
  return answer;
}
