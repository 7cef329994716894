import { Logger } from '@nestjs/common';
import type { MetricsService } from '../../metrics/metrics.service';
import type { LoginTicketService } from '../../tickets/login-ticket.service';
import { MESSAGES } from '../login-messages';
import type { LoginPages } from '../login-pages';
import { answer, next, type LoginState, type LoginStep, type StepResult } from './login-step';

/**
 * Every POST spends the login ticket of the page it came from (login CSRF, SEC-22): a
 * credentials form with a bad one is refused here; a warn confirmation's answer depends on
 * its session too (warn.step.ts).
 */
export class LoginTicketStep implements LoginStep {
  private readonly logger = new Logger('login');

  constructor(
    private readonly loginTickets: LoginTicketService,
    private readonly metrics: MetricsService,
    private readonly pages: LoginPages,
  ) {}

  async run(state: LoginState): Promise<StepResult> {
    if (state.submitted === null) return next(state);
    const { request } = state;
    const valid = await this.loginTickets.consume(request.lt, request.browser);
    if (state.submitted === 'warn') return next(state, { warnTicketValid: valid });
    if (valid) return next(state);
    this.logger.warn({
      msg: `login refused: invalid login ticket (from ${request.clientAddress})`,
      event: 'login.invalid_login_ticket',
      ip: request.clientAddress,
    });
    this.metrics.login('invalid_login_ticket');
    return answer(
      await this.pages.form(request, state.service, [MESSAGES.invalidLt], { status: 400, username: request.username }),
    );
  }
}
