import { Injectable } from '@nestjs/common';
import { ServiceRegistry } from '../services/service-registry.service';
import type { Ticket } from '../tickets/ticket.entity';
import { SloSender, type SloReport, type SloTarget } from './slo-sender.service';

/** Who to tell when service sessions end, and telling them. */
@Injectable()
export class SingleLogout {
  constructor(
    private readonly registry: ServiceRegistry,
    private readonly sender: SloSender,
  ) {}

  /** Where each ticket's logout goes: the pattern's callback, else the service URL (S-10). */
  async targets(tickets: Ticket[]): Promise<SloTarget[]> {
    const targets: SloTarget[] = [];
    for (const ticket of tickets) {
      const rules = ticket.servicePatternId === null ? null : await this.registry.byId(ticket.servicePatternId);
      // A service whose pattern was removed, or whose SLO was switched off since, is not told.
      if (!rules || !rules.singleLogOut) continue;
      targets.push({
        url: rules.singleLogOutCallback || ticket.service,
        serviceName: rules.name,
        username: ticket.username,
        ticket: ticket.id,
      });
    }
    return targets;
  }

  async notify(tickets: Ticket[], waitMs?: number): Promise<SloReport> {
    return this.sender.send(await this.targets(tickets), waitMs);
  }
}
