import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, IsNull, LessThan, Not, Repository } from 'typeorm';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import type { Attributes } from '../config/env-parsers';
import { generateTicketId } from './ticket-id';
import { Ticket, TicketType } from './ticket.entity';

export interface ServiceTicketRequest {
  sessionId: string;
  authenticatedAt: number;
  loginName: string;
  /** The name the service receives. */
  username: string;
  service: string;
  servicePatternId: number;
  attributes: Attributes;
  fromNewLogin: boolean;
  singleLogOut: boolean;
}

/** Issues service tickets and lets each be validated exactly once. */
@Injectable()
export class TicketRegistry {
  constructor(
    @InjectRepository(Ticket) private readonly repo: Repository<Ticket>,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {}

  async issueServiceTicket(request: ServiceTicketRequest): Promise<string> {
    const now = Date.now();
    const id = generateTicketId(this.config.ticketPrefix.ST, this.config.ticketLen.ST);
    await this.repo.insert({
      id,
      type: 'ST',
      ...request,
      createdAt: now,
      expiresAt: now + this.config.ticketValidity * 1000,
      validatedAt: null,
      proxies: [],
      pgtUrl: null,
    });
    return id;
  }

  /**
   * Marks the ticket as used and returns it, or null when it is unknown, of another type or
   * already used. One conditional UPDATE decides, so concurrent attempts, in one process or
   * many, get at most one ticket back; whatever the caller then finds wrong, the ticket is spent.
   */
  async consume(id: string, types: TicketType[]): Promise<Ticket | null> {
    const result = await this.repo.update({ id, type: In(types), validatedAt: IsNull() }, { validatedAt: Date.now() });
    if (result.affected !== 1) return null;
    return this.repo.findOne({ where: { id } });
  }

  /**
   * Ends a session's tickets (T-16) and returns those whose service must be told (validated,
   * of a Single Logout service). Each is claimed by deleting its row: only the process whose
   * DELETE removed it gets it back, so a logout request is never sent twice.
   */
  async endSession(sessionId: string): Promise<Ticket[]> {
    const candidates = await this.repo.find({
      where: { sessionId, singleLogOut: true, validatedAt: Not(IsNull()), type: In(['ST', 'PT']) },
    });
    const claimed = await this.claim(candidates);
    await this.repo.delete({ sessionId });
    return claimed;
  }

  private async claim(candidates: Ticket[]): Promise<Ticket[]> {
    const claimed: Ticket[] = [];
    for (const ticket of candidates) {
      const result = await this.repo.delete({ id: ticket.id });
      if (result.affected === 1) claimed.push(ticket);
    }
    return claimed;
  }

  /** Deletes up to `limit` tickets matching `where`; returns how many went. */
  async deleteBatch(where: FindOptionsWhere<Ticket> | FindOptionsWhere<Ticket>[], limit: number): Promise<number> {
    const rows = await this.repo.find({ select: { id: true }, where, take: limit });
    if (rows.length === 0) return 0;
    const result = await this.repo.delete({ id: In(rows.map((r) => r.id)) });
    return result.affected ?? 0;
  }

  /** Unvalidated tickets past their validity, and validated ones that need no logout. */
  deleteUseless(now: number, limit: number): Promise<number> {
    return this.deleteBatch(
      [
        { validatedAt: IsNull(), expiresAt: LessThan(now) },
        { validatedAt: Not(IsNull()), singleLogOut: false },
      ],
      limit,
    );
  }

  /** Validated Single Logout tickets older than CAS_TICKET_TIMEOUT, claimed for their logout. */
  async claimTimedOut(validatedBefore: number, limit: number): Promise<Ticket[]> {
    const candidates = await this.repo.find({
      where: { singleLogOut: true, validatedAt: LessThan(validatedBefore) },
      take: limit,
    });
    return this.claim(candidates);
  }
}
