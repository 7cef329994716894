import { Injectable } from '@nestjs/common';
import { LoginTicketService } from '../tickets/login-ticket.service';

/** The browser a page's login ticket is bound to; `fresh` when its cookie must be (re)set. */
export interface FormBrowser {
  id: string;
  fresh: boolean;
}

/**
 * What a page with a login form needs: the browser's pre-session cookie and a login ticket
 * bound to it. Both are signed, not stored (login-ticket-codec.ts), so showing a form writes
 * nothing; the page responders may ask for them too.
 */
@Injectable()
export class FormTickets {
  constructor(private readonly loginTickets: LoginTicketService) {}

  /** The cookie sent, when the server issued it (a client cannot choose its own); a new one otherwise. */
  async browser(cookie: string | undefined): Promise<FormBrowser> {
    const known = await this.loginTickets.isIssuedBrowser(cookie);
    if (known && cookie !== undefined) return { id: cookie, fresh: false };
    return { id: await this.loginTickets.newBrowser(), fresh: true };
  }

  issue(browser: string): Promise<string> {
    return this.loginTickets.issue(browser);
  }
}
