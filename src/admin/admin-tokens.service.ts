import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { constantTimeEquals } from '../common/constant-time';
import { sha256Hex } from '../common/hash';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { AdminToken } from './admin-token.entity';

/** Actors that are not token names; a token may not be named like them. */
export const CLI_ACTOR = 'cli';
export const ENV_TOKEN_ACTOR = 'env-token';

/** lastUsedAt is written at most this often, so busy scripts do not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Checks the bearer token of each admin API request: CAS_ADMIN_TOKEN, or a token issued by
 * TokenAdmin (token-admin.service.ts), stored as SHA-256.
 */
@Injectable()
export class AdminTokensService {
  constructor(
    @InjectRepository(AdminToken) private readonly repo: Repository<AdminToken>,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {}

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
