import type { Message } from '../i18n/message';

/** What the browser is sent back to, once the service URL is known to be allowed. */
export interface ServiceTarget {
  url: string;
  name: string;
  /** `ticket`, or `SAMLart` when the login started with `TARGET` (SAML 1.1 browser flow). */
  ticketParam: 'ticket' | 'SAMLart';
  /** The name of the request parameter that carried the URL: `service` or `TARGET`. */
  serviceParam: 'service' | 'TARGET';
}

export interface FormFields {
  service?: string;
  serviceParam: 'service' | 'TARGET';
  method?: string;
  renew: boolean;
  gateway: boolean;
}

/** Cookie operations that go with an outcome. */
export type CookieAction = { set: string } | { clear: true } | null;

export type LoginOutcome =
  | {
      kind: 'form';
      status: number;
      messages: Message[];
      fields: FormFields;
      lt: string;
      username?: string;
      warn: boolean;
      showForm: boolean;
      /** Seconds after which trying again can help (with a 429). */
      retryAfter?: number;
    }
  | { kind: 'warn'; fields: FormFields; lt: string; username: string; target: ServiceTarget }
  | { kind: 'logged'; messages: Message[]; username: string; since: number }
  /**
   * `ticketIssued` false: gateway sending the browser back without a ticket, anonymous or
   * refused by the service (`messages` then says why, for AJAX answers).
   */
  | { kind: 'redirect'; url: string; ticketIssued: boolean; messages?: Message[] }
  | { kind: 'post'; action: string; fields: Array<{ name: string; value: string }> };

export interface LoginResponse {
  outcome: LoginOutcome;
  cookie: CookieAction;
  /** A new pre-session cookie to set (login tickets are bound to it). */
  browser?: string;
}
