import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import type { Attributes } from '../config/env-parsers';
import { FastSql } from '../database/fast-sql';
import { generateTicketId } from './ticket-id';
import { TicketSql } from './ticket-sql';
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
  /** Issue and consumption are the hot path: single prepared statements (ticket-sql.ts). */
  private readonly sql: TicketSql;

  constructor(
    @InjectRepository(Ticket) private readonly repo: Repository<Ticket>,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {
    this.sql = new TicketSql(new FastSql(repo.manager.connection));
  }

  async issueServiceTicket(request: ServiceTicketRequest): Promise<string> {
    const now = Date.now();
    const id = generateTicketId(this.config.ticketPrefix.ST, this.config.ticketLen.ST);
    await this.sql.insert({
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
    return this.sql.consume(id, types, Date.now());
  }

  /** Tickets of a session that were never validated die with it (T-16). */
  async revokeUnvalidated(sessionId: string): Promise<void> {
    await this.repo.delete({ sessionId, validatedAt: IsNull() });
  }
}
