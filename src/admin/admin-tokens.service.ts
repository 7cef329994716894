import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { constantTimeEquals } from '../common/constant-time';
import { sha256Hex } from '../common/hash';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { randomAlphanumeric } from '../common/random';
import { AdminToken } from './admin-token.entity';
import { tokenView } from './admin-views';
import { AuditService } from './audit.service';

/** Actors that are not token names; a token may not be named like them. */
export const CLI_ACTOR = 'cli';
export const ENV_TOKEN_ACTOR = 'env-token';

const TOKEN_PREFIX = 'casadm_';
/** lastUsedAt is written at most this often, so busy scripts do not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;

export class TokenNameError extends Error {}

export interface TokenSummary {
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export function summarize(token: AdminToken): TokenSummary {
  return { name: token.name, createdAt: token.createdAt, lastUsedAt: token.lastUsedAt, revokedAt: token.revokedAt };
}

/**
 * Admin API tokens: issued by the CLI, stored as SHA-256, checked on every request. Creating
 * and revoking are recorded in the audit trail here, whoever asks (CLI or admin API).
 */
@Injectable()
export class AdminTokensService {
  constructor(
    @InjectRepository(AdminToken) private readonly repo: Repository<AdminToken>,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly audit: AuditService,
  ) {}

  /** Returns the token value, which exists nowhere else afterwards. */
  async create(actor: string, name: string): Promise<{ token: string; summary: TokenSummary }> {
    if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/.test(name)) {
      throw new TokenNameError('a token name is 1 to 100 letters, digits, ".", "_", "@" or "-"');
    }
    if (name === CLI_ACTOR || name === ENV_TOKEN_ACTOR) throw new TokenNameError(`"${name}" is reserved`);
    if (await this.repo.exists({ where: { name } })) throw new TokenNameError(`a token named ${name} already exists`);
    const token = `${TOKEN_PREFIX}${randomAlphanumeric(43)}`;
    const entity = await this.repo.save(
      this.repo.create({ name, tokenHash: sha256Hex(token), createdAt: Date.now(), lastUsedAt: null, revokedAt: null }),
    );
    const summary = summarize(entity);
    await this.audit.record(actor, {
      action: 'token.create',
      targetType: 'token',
      targetId: name,
      after: tokenView(summary),
    });
    return { token, summary };
  }

  async list(): Promise<TokenSummary[]> {
    return (await this.repo.find({ order: { name: 'ASC' } })).map(summarize);
  }

  /** Returns the revoked token, or null if there is no active token of that name. */
  async revoke(actor: string, name: string): Promise<TokenSummary | null> {
    const token = await this.repo.findOne({ where: { name, revokedAt: IsNull() } });
    if (!token) return null;
    token.revokedAt = Date.now();
    await this.repo.update({ id: token.id }, { revokedAt: token.revokedAt });
    const summary = summarize(token);
    await this.audit.record(actor, {
      action: 'token.revoke',
      targetType: 'token',
      targetId: name,
      after: tokenView(summary),
    });
    return summary;
  }

  /**
   * The actor behind a presented bearer token, or null. Every candidate is compared in
   * constant time and the loop never stops early, so timing tells nothing about the tokens.
   */
  async authenticate(presented: string): Promise<string | null> {
    if (presented.length === 0 || presented.length > 256) return null;
    let actor: string | null = null;
    if (this.config.admin.envToken && constantTimeEquals(presented, this.config.admin.envToken)) {
      actor = ENV_TOKEN_ACTOR;
    }
    const hash = sha256Hex(presented);
    let matched: AdminToken | null = null;
    for (const token of await this.repo.find({ where: { revokedAt: IsNull() } })) {
      if (constantTimeEquals(hash, token.tokenHash)) matched = token;
    }
    if (matched) {
      actor = matched.name;
      const now = Date.now();
      if (matched.lastUsedAt === null || now - matched.lastUsedAt > TOUCH_INTERVAL_MS) {
        await this.repo.update({ id: matched.id }, { lastUsedAt: now });
      }
    }
    return actor;
  }
}
