import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { decideAccess, releaseAttributes } from '../services/attribute-release';
import { ServiceRegistry } from '../services/service-registry.service';
import type { ServiceRules } from '../services/service-rules';
import { appendParameter, isBrowserUrl } from '../services/service-url';
import { SessionService } from '../sessions/session.service';
import type { SsoSession } from '../sessions/sso-session.entity';
import { LoginTicketService } from '../tickets/login-ticket.service';
import { LoginThrottle } from '../throttling/login-throttle.service';
import { TicketRegistry } from '../tickets/ticket-registry.service';
import type { FormFields, LoginOutcome, LoginResponse, ServiceTarget } from './login-outcome';
import { SessionTerminator } from '../sessions/session-terminator.service';
import type { FormField, Message } from '../pages/message';
import { MetricsService } from '../metrics/metrics.service';
import { ValueTooLongError } from '../database/column-limits';
import { usernameField, usernameForLog } from '../logging/username-label';
import { MESSAGES } from './login-messages';
import type { CredentialsRequest, LoginRequest } from './login-request';

export type { CredentialsRequest, LoginRequest } from './login-request';

type Resolved = { target: ServiceTarget; rules: ServiceRules } | { disallowed: true } | null;

/** The /login flow: credential requestor (GET) and acceptor (POST), SSO, warn, renew, gateway. */
@Injectable()
export class LoginService {
  private readonly logger = new Logger('login');

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly registry: ServiceRegistry,
    private readonly sessions: SessionService,
    private readonly terminator: SessionTerminator,
    private readonly tickets: TicketRegistry,
    private readonly loginTickets: LoginTicketService,
    private readonly auth: AuthService,
    private readonly metrics: MetricsService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Runs a flow with the browser's pre-session cookie, replacing it when missing or not one the
   * server issued (a client cannot choose its own); a new one is sent back with the pages that
   * carry a login ticket.
   */
  private async withBrowser<R extends LoginRequest>(
    request: R,
    flow: (request: R & { browser: string }) => Promise<LoginResponse>,
  ): Promise<LoginResponse> {
    const known = await this.loginTickets.isIssuedBrowser(request.browser);
    const browser = known && request.browser !== undefined ? request.browser : await this.loginTickets.newBrowser();
    const response = await flow({ ...request, browser });
    const kind = response.outcome.kind;
    return !known && (kind === 'form' || kind === 'warn') ? { ...response, browser } : response;
  }

  private async resolve(request: LoginRequest): Promise<Resolved> {
    if (request.service === undefined || request.service === '') return null;
    const match = isBrowserUrl(request.service) ? await this.registry.match(request.service) : null;
    if (!match) return { disallowed: true };
    return {
      rules: match.rules,
      target: {
        // What the pattern matched: the browser goes there and the ticket records it.
        url: match.url,
        name: match.rules.name,
        ticketParam: request.serviceParam === 'TARGET' ? 'SAMLart' : 'ticket',
        serviceParam: request.serviceParam,
      },
    };
  }

  private fields(request: LoginRequest, resolved: Resolved): FormFields {
    const method = request.method?.toUpperCase();
    return {
      // An unknown service is not carried into the form: logging in then just opens a session.
      service: resolved && 'target' in resolved ? resolved.target.url : undefined,
      serviceParam: request.serviceParam,
      method: method === 'POST' ? 'POST' : undefined,
      renew: request.renew,
      gateway: request.gateway && !request.renew,
    };
  }

  private async form(
    request: LoginRequest & { browser: string },
    resolved: Resolved,
    messages: Message[],
    extra: { status?: number; username?: string; showForm?: boolean; retryAfter?: number } = {},
  ): Promise<LoginOutcome> {
    return {
      kind: 'form',
      status: extra.status ?? 200,
      messages,
      fields: this.fields(request, resolved),
      lt: await this.loginTickets.issue(request.browser),
      username: extra.username,
      warn: request.warn,
      showForm: extra.showForm ?? true,
      ...(extra.retryAfter === undefined ? {} : { retryAfter: extra.retryAfter }),
    };
  }

  private serviceMessages(resolved: Resolved, renew: boolean): Message[] {
    if (!resolved) return [];
    if ('disallowed' in resolved) return [MESSAGES.serviceNotAllowed];
    if (!this.config.showServiceMessages) return [];
    return [renew ? MESSAGES.renewal(resolved.target) : MESSAGES.required(resolved.target)];
  }

  /** GET /login. */
  requestCredentials(request: LoginRequest): Promise<LoginResponse> {
    return this.withBrowser(request, (r) => this.credentialRequestor(r));
  }

  /** POST /login. */
  acceptCredentials(request: CredentialsRequest): Promise<LoginResponse> {
    return this.withBrowser(request, (r) => this.credentialAcceptor(r));
  }

  private async credentialRequestor(request: LoginRequest & { browser: string }): Promise<LoginResponse> {
    const resolved = await this.resolve(request);
    const session = await this.sessions.findByCookie(request.cookie);
    const staleCookie = request.cookie && !session ? ({ clear: true } as const) : null;

    if (session && !request.renew) {
      if (!resolved) return { outcome: this.logged(session, []), cookie: null };
      if ('disallowed' in resolved) {
        return { outcome: this.logged(session, this.serviceMessages(resolved, false)), cookie: null };
      }
      if (session.warn) {
        return {
          outcome: {
            kind: 'warn',
            fields: this.fields(request, resolved),
            lt: await this.loginTickets.issue(request.browser),
            username: session.username,
            target: resolved.target,
          },
          cookie: null,
        };
      }
      return { outcome: await this.grant(session, resolved, request, false), cookie: null };
    }

    // gateway: never ask for credentials (L-07); renew wins over gateway (L-06); gateway
    // without a service means nothing (L-10).
    if (request.gateway && !request.renew && resolved) {
      if ('disallowed' in resolved) {
        const outcome = await this.form(request, resolved, this.serviceMessages(resolved, false), { showForm: false });
        return { outcome, cookie: staleCookie };
      }
      return { outcome: { kind: 'redirect', url: resolved.target.url, ticketIssued: false }, cookie: staleCookie };
    }

    const outcome = await this.form(request, resolved, this.serviceMessages(resolved, request.renew));
    return { outcome, cookie: staleCookie };
  }

  private async credentialAcceptor(request: CredentialsRequest & { browser: string }): Promise<LoginResponse> {
    const resolved = await this.resolve(request);

    if (request.warned) return this.confirmWarn(request, resolved);

    if (!(await this.loginTickets.consume(request.lt, request.browser))) {
      this.logger.warn({
        msg: `login refused: invalid login ticket (from ${request.clientAddress})`,
        event: 'login.invalid_login_ticket',
        ip: request.clientAddress,
      });
      this.metrics.login('invalid_login_ticket');
      const outcome = await this.form(request, resolved, [MESSAGES.invalidLt], {
        status: 400,
        username: request.username,
      });
      return { outcome, cookie: null };
    }

    const username = request.username ?? '';
    const password = request.password ?? '';
    if (username === '' || password === '') {
      // Not a guess: refused without asking the source or counting a failure.
      const empty: FormField[] = [];
      if (username === '') empty.push('username');
      if (password === '') empty.push('password');
      const outcome = await this.form(request, resolved, [MESSAGES.missing(empty)], { status: 401, username });
      return { outcome, cookie: null };
    }
    const attempt = await this.throttle.begin(username, request.clientAddress, 'login');
    if (attempt.blocked) {
      // The same answer whether or not the user exists; the source is not even asked.
      this.metrics.throttled();
      const outcome = await this.form(request, resolved, [MESSAGES.throttled(attempt.retryAfterMs)], {
        status: 429,
        username,
        retryAfter: attempt.retryAfterSeconds,
      });
      return { outcome, cookie: null };
    }
    const result = await this.auth.authenticate(username, password);
    if (!result.ok && result.reason === 'attributes_too_large') {
      // The password was right: not a failure to count, but no session either (logged by auth).
      this.metrics.login('attributes_too_large');
      await attempt.abandoned();
      await attempt.delay();
      const outcome = await this.form(request, resolved, [MESSAGES.attributesTooLarge], { status: 403, username });
      return { outcome, cookie: null };
    }
    if (!result.ok) {
      // Not the person's failure when the credentials could not be checked (auth logged why).
      const down = result.reason !== 'bad_credentials';
      this.metrics.login(result.reason);
      const why = down
        ? result.reason === 'internal_error'
          ? 'internal error'
          : 'authentication source unavailable'
        : 'bad credentials';
      this.logger.warn({
        msg: `login failed for ${usernameForLog(username)} from ${request.clientAddress}: ${why}`,
        event: 'login.failure',
        user: usernameField(username),
        ip: request.clientAddress,
        reason: result.reason,
      });
      await (down ? attempt.abandoned() : attempt.failed());
      await attempt.delay();
      const outcome = await this.form(request, resolved, [down ? MESSAGES.sourceDown : MESSAGES.badCredentials], {
        status: result.reason === 'internal_error' ? 500 : down ? 503 : 401,
        username,
      });
      return { outcome, cookie: null };
    }

    await attempt.succeeded();
    // The cookie changes at every login (session fixation, SEC-26). The same user keeps their
    // session and its service sessions (a renew must not log them out of everything); another
    // user's session in this browser ends.
    const previous = request.cookie ? await this.sessions.findAnyByCookie(request.cookie) : null;
    let opened: { session: SsoSession; cookie: string };
    try {
      if (previous && previous.username === result.user.username && this.sessions.isAlive(previous)) {
        opened = await this.sessions.renew(previous, result.user, request.warn);
      } else {
        opened = await this.sessions.create(result.user, this.auth.backend.name, request.warn);
        // Only once the new session exists, so a refused one leaves the previous one alone.
        if (previous) await this.terminator.end(previous, 'another user logged in', 0);
      }
    } catch (err) {
      if (!(err instanceof ValueTooLongError)) throw err;
      this.logger.warn(`login of ${usernameForLog(username)} refused: ${err.message}`);
      const outcome = await this.form(request, resolved, [MESSAGES.accountTooLong], { status: 422, username });
      return { outcome, cookie: null };
    }
    const { session, cookie } = opened;
    this.metrics.login('success');
    this.logger.log({
      msg: `user ${session.username} logged in from ${request.clientAddress} (session ${session.id})`,
      event: 'login.success',
      user: session.username,
      ip: request.clientAddress,
      session: session.id,
    });
    // Held like a failure would be, so the time of the answer does not tell the two apart.
    await attempt.delay();

    if (!resolved) {
      return {
        outcome: this.logged(session, [MESSAGES.loginSuccess]),
        cookie: { set: cookie },
      };
    }
    if ('disallowed' in resolved) {
      return { outcome: this.logged(session, this.serviceMessages(resolved, false)), cookie: { set: cookie } };
    }
    return { outcome: await this.grant(session, resolved, request, true), cookie: { set: cookie } };
  }

  private async confirmWarn(
    request: CredentialsRequest & { browser: string },
    resolved: Resolved,
  ): Promise<LoginResponse> {
    const session = await this.sessions.findByCookie(request.cookie);
    const ltOk = await this.loginTickets.consume(request.lt, request.browser);
    if (!session) return this.credentialRequestor(request);
    if (!ltOk || !resolved || 'disallowed' in resolved) {
      const messages = ltOk ? this.serviceMessages(resolved, false) : [MESSAGES.invalidLt];
      return { outcome: this.logged(session, messages), cookie: null };
    }
    return { outcome: await this.grant(session, resolved, request, false), cookie: null };
  }

  private logged(session: SsoSession, messages: Message[]): LoginOutcome {
    return { kind: 'logged', messages, username: session.username, since: session.createdAt };
  }

  /** Issues a service ticket if the service's rules allow this user, and sends the browser on. */
  private async grant(
    session: SsoSession,
    resolved: { target: ServiceTarget; rules: ServiceRules },
    request: LoginRequest,
    fromNewLogin: boolean,
  ): Promise<LoginOutcome> {
    const { rules, target } = resolved;
    const decision = decideAccess(rules, session.username, session.attributes);
    if (!decision.allowed) {
      this.logger.warn({
        msg: `user ${session.username} refused a ticket for ${target.url}: ${decision.message}`,
        event: 'ticket.refused',
        user: session.username,
        service: rules.name,
        url: target.url,
        session: session.id,
        reason: decision.message,
      });
      const refused = [MESSAGES.refused(decision, rules.userField)];
      // gateway: the service asked not to be shown a CAS page; it gets its browser back with no
      // ticket, as for an anonymous user (L-07, L-09; django-cas-server does the same).
      if (request.gateway && !request.renew) {
        return { kind: 'redirect', url: target.url, ticketIssued: false, messages: refused };
      }
      return this.logged(session, refused);
    }
    let ticket: string;
    try {
      ticket = await this.tickets.issueServiceTicket({
        sessionId: session.id,
        authenticatedAt: session.createdAt,
        loginName: session.username,
        username: decision.username,
        service: target.url,
        servicePatternId: rules.id,
        attributes: releaseAttributes(rules, session.attributes),
        fromNewLogin,
        singleLogOut: rules.singleLogOut,
      });
    } catch (err) {
      // Refused before anything was written; the SSO session itself is whole and stays.
      if (!(err instanceof ValueTooLongError)) throw err;
      this.logger.warn(`user ${session.username} refused a ticket for ${rules.name}: ${err.message}`);
      return this.logged(session, [MESSAGES.valueTooLongForService]);
    }
    this.logger.log({
      msg: `service ticket issued to ${session.username} for ${rules.name}`,
      event: 'ticket.issued',
      type: 'ST',
      user: session.username,
      service: rules.name,
      session: session.id,
    });
    this.metrics.ticketIssued('ST');
    if (request.method?.toUpperCase() === 'POST') {
      return { kind: 'post', action: target.url, fields: [{ name: target.ticketParam, value: ticket }] };
    }
    return { kind: 'redirect', url: appendParameter(target.url, target.ticketParam, ticket), ticketIssued: true };
  }
}
