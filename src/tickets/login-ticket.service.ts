import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { sha256Hex } from '../common/hash';
import { FastSql } from '../database/fast-sql';
import { generateTicketId, randomAlphanumeric } from './ticket-id';
import { LoginTicket } from './login-ticket.entity';

/** The pre-session cookie a login form is bound to (login CSRF, SEC-22). */
export const BROWSER_COOKIE = 'CASBROWSER';

/** A new value for the pre-session cookie. */
export function newBrowserId(): string {
  return randomAlphanumeric(32);
}

/**
 * Login tickets: one per form, good for one POST from the browser it was shown to (the
 * pre-session cookie), so another site cannot log a victim's browser in as the attacker.
 * Other tickets of the same browser stay valid (several tabs).
 */
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

  async issue(browserId: string): Promise<string> {
    const now = Date.now();
    const id = generateTicketId(this.config.ticketPrefix.LT, this.config.ticketLen.LT);
    await this.sql.run('INSERT INTO login_tickets (id, created_at, expires_at, browser_hash) VALUES (?, ?, ?, ?)', [
      id,
      now,
      now + this.config.loginTicketValidity * 1000,
      sha256Hex(browserId),
    ]);
    return id;
  }

  /** True exactly once for a live login ticket presented by the browser it was issued to. */
  async consume(id: string | undefined, browserId: string | undefined): Promise<boolean> {
    if (!id || id.length > 256 || !browserId || browserId.length > 256) return false;
    const deleted = await this.sql.run(
      'DELETE FROM login_tickets WHERE id = ? AND expires_at > ? AND browser_hash = ?',
      [id, Date.now(), sha256Hex(browserId)],
    );
    return deleted === 1;
  }

  /** Deletes up to `limit` expired login tickets; returns how many went. */
  async deleteExpired(now: number, limit: number): Promise<number> {
    const rows = await this.repo.find({ select: { id: true }, where: { expiresAt: LessThan(now) }, take: limit });
    if (rows.length === 0) return 0;
    const result = await this.repo.delete({ id: In(rows.map((r) => r.id)) });
    return result.affected ?? 0;
  }
}
