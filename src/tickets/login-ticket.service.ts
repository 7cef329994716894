import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { FastSql } from '../database/fast-sql';
import { generateTicketId } from './ticket-id';
import { LoginTicket } from './login-ticket.entity';

/** Login tickets: one per form, good for one POST; others stay valid (several tabs). */
@Injectable()
export class LoginTicketService {
  /** Every login form issues one and every POST spends one: single prepared statements. */
  private readonly sql: FastSql;

  constructor(
    @InjectRepository(LoginTicket) private readonly repo: Repository<LoginTicket>,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {
    this.sql = new FastSql(repo.manager.connection);
  }

  async issue(): Promise<string> {
    const now = Date.now();
    const id = generateTicketId(this.config.ticketPrefix.LT, this.config.ticketLen.LT);
    await this.sql.run('INSERT INTO login_tickets (id, created_at, expires_at) VALUES (?, ?, ?)', [
      id,
      now,
      now + this.config.loginTicketValidity * 1000,
    ]);
    return id;
  }

  /** True exactly once for a live login ticket. */
  async consume(id: string | undefined): Promise<boolean> {
    if (!id || id.length > 256) return false;
    return (await this.sql.run('DELETE FROM login_tickets WHERE id = ? AND expires_at > ?', [id, Date.now()])) === 1;
  }

  /** Deletes up to `limit` expired login tickets; returns how many went. */
  async deleteExpired(now: number, limit: number): Promise<number> {
    const rows = await this.repo.find({ select: { id: true }, where: { expiresAt: LessThan(now) }, take: limit });
    if (rows.length === 0) return 0;
    const result = await this.repo.delete({ id: In(rows.map((r) => r.id)) });
    return result.affected ?? 0;
  }
}
