import { Injectable } from '@nestjs/common';
import { ServiceRegistry } from '../services/service-registry.service';
import type { Ticket } from '../tickets/ticket.entity';
import { frontChannelLogoutUrl } from './front-channel';
import type { SloReport, SloTarget } from './slo-pool';
import { SloSender } from './slo-sender.service';

export interface LogoutPlan {
  /** Told by the server (form POST). */
  backChannel: SloTarget[];
  /** Told by the user's browser from the logout page (URLs to request). */
  frontChannel: string[];
}

export interface SingleLogoutReport extends SloReport {
  frontChannel: string[];
}

/** Who to tell when service sessions end, and telling them. */
@Injectable()
export class SingleLogout {
  constructor(
    private readonly registry: ServiceRegistry,
    private readonly sender: SloSender,
  ) {}

  /** Where each ticket's logout goes: the pattern's callback, else the service URL (S-10). */
  async plan(tickets: Ticket[]): Promise<LogoutPlan> {
    const plan: LogoutPlan = { backChannel: [], frontChannel: [] };
    for (const ticket of tickets) {
      const rules = ticket.servicePatternId === null ? null : await this.registry.byId(ticket.servicePatternId);
      // A service whose pattern was removed, or whose SLO was switched off since, is not told.
      if (!rules || !rules.singleLogOut) continue;
      const url = rules.singleLogOutCallback || ticket.service;
      if (rules.frontChannelLogout) {
        plan.frontChannel.push(frontChannelLogoutUrl(url, ticket.username, ticket.id));
      } else {
        plan.backChannel.push({ url, serviceName: rules.name, username: ticket.username, ticket: ticket.id });
      }
    }
    return plan;
  }

  /**
   * Sends the back-channel requests (waiting at most `waitMs`) and returns the front-channel
   * URLs for a page to load; without a browser (cleanup jobs) those cannot be told.
   */
  async notify(tickets: Ticket[], waitMs?: number): Promise<SingleLogoutReport> {
    const plan = await this.plan(tickets);
    const report = await this.sender.send(plan.backChannel, waitMs);
    return { ...report, frontChannel: plan.frontChannel };
  }
}
