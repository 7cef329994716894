import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { sha256Hex } from '../common/hash';
import { randomAlphanumeric } from '../common/random';
import { AdminToken } from './admin-token.entity';
import { CLI_ACTOR, ENV_TOKEN_ACTOR } from './admin-tokens.service';
import { tokenView, type TokenSummary } from './admin-views';
import { AuditService } from './audit.service';

const TOKEN_PREFIX = 'casadm_';

export class TokenNameError extends Error {}

function summarize(token: AdminToken): TokenSummary {
  return { name: token.name, createdAt: token.createdAt, lastUsedAt: token.lastUsedAt, revokedAt: token.revokedAt };
}

/**
 * The administration of admin API tokens, called alike by the CLI (which alone creates them)
 * and the admin API: the naming rules, the value shown once and stored as SHA-256, and the
 * audit record of each creation and revocation.
 */
@Injectable()
export class TokenAdmin {
  constructor(
    @InjectRepository(AdminToken) private readonly repo: Repository<AdminToken>,
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
}
