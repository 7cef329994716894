import { Inject, Injectable } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { sha256Hex } from '../common/hash';
import { ServerSecrets } from '../secrets/server-secrets.service';
import { checkLoginTicket, isIssuedBrowserId, issueLoginTicket, newBrowserId } from './login-ticket-codec';
import { LoginTicketRepository } from './login-ticket.repository';

/** Spent tickets are kept a little past their expiry, for processes whose clocks run behind. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Login tickets: one per form, good for one POST from the browser it was shown to (the
 * pre-session cookie), so another site cannot log a victim's browser in as the attacker.
 * Other tickets of the same browser stay valid (several tabs). Showing a form stores nothing
 * (the ticket is signed, login-ticket-codec.ts); a POST remembers the ticket it spent until
 * the ticket expires, with a conditional insert, so that it is spent once across concurrent
 * requests and processes.
 */
@Injectable()
export class LoginTicketService {
  constructor(
    private readonly repo: LoginTicketRepository,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly secrets: ServerSecrets,
  ) {}

  private key(): Promise<Buffer> {
    return this.secrets.key('login-tickets');
  }

  /** A new value for the pre-session cookie. */
  async newBrowser(): Promise<string> {
    return newBrowserId(await this.key());
  }

  /** The pre-session cookie is one the server issued (a client-chosen value is not). */
  async isIssuedBrowser(value: string | undefined): Promise<boolean> {
    return isIssuedBrowserId(await this.key(), value);
  }

  async issue(browser: string): Promise<string> {
    const expiresAt = Date.now() + this.config.loginTicketValidityMs;
    return issueLoginTicket(
      await this.key(),
      browser,
      this.config.ticketPrefix.LT,
      this.config.ticketLen.LT,
      expiresAt,
    );
  }

  /** True exactly once for a live login ticket presented by the browser it was issued to. */
  async consume(ticket: string | undefined, browser: string | undefined): Promise<boolean> {
    if (!ticket || ticket.length > 256 || !browser || browser.length > 256) return false;
    const checked = checkLoginTicket(await this.key(), ticket, browser, this.config.ticketPrefix.LT, Date.now());
    if (!checked) return false;
    return this.repo.consumeLoginTicket(sha256Hex(checked.nonce), checked.expiresAt);
  }

  /** Deletes up to `limit` spent tickets that have expired; returns how many went. */
  deleteExpired(now: number, limit: number): Promise<number> {
    return this.repo.deleteExpired(now - CLOCK_SKEW_MS, limit);
  }
}
