import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, FindOptionsWhere, Repository } from 'typeorm';
import { COLUMN_LIMITS, fitsLimit } from '../database/column-limits';
import { AuditEntry } from './audit-entry.entity';

const L = COLUMN_LIMITS.audit_log;

/**
 * The trail is written after the change it records, so it must never fail on size: what its
 * columns cannot hold is shortened, and said to be.
 */
function clipped(text: string): string {
  return fitsLimit(text, L.target_id) ? text : `${[...text].slice(0, L.target_id.chars - 1).join('')}…`;
}

function storable(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return fitsLimit(JSON.stringify(value), L.after_json) ? value : { omitted: 'too large for the audit trail' };
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  since?: number;
  until?: number;
}

export interface AuditChange {
  action: string;
  targetType: string;
  targetId: string | number;
  before?: unknown;
  after?: unknown;
}

/** The audit trail: every change made through the admin API or the CLI. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly repo: Repository<AuditEntry>) {}

  async record(actor: string, change: AuditChange): Promise<void> {
    const entry = Object.assign(new AuditEntry(), {
      at: Date.now(),
      actor,
      action: change.action,
      targetType: change.targetType,
      targetId: clipped(String(change.targetId)),
      before: storable(change.before),
      after: storable(change.after),
    });
    await this.repo.save(entry);
  }

  /** Newest first. */
  async list(filter: AuditFilter, offset: number, limit: number): Promise<{ items: AuditEntry[]; total: number }> {
    const where: FindOptionsWhere<AuditEntry> = {};
    if (filter.actor !== undefined) where.actor = filter.actor;
    if (filter.action !== undefined) where.action = filter.action;
    if (filter.targetType !== undefined) where.targetType = filter.targetType;
    if (filter.targetId !== undefined) where.targetId = filter.targetId;
    if (filter.since !== undefined || filter.until !== undefined) {
      where.at = Between(filter.since ?? 0, filter.until ?? Number.MAX_SAFE_INTEGER);
    }
    const [items, total] = await this.repo.findAndCount({
      where,
      order: { at: 'DESC', id: 'DESC' },
      skip: offset,
      take: limit,
    });
    return { items, total };
  }
}
