import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CompiledService, compileServices, findService, type RefusedService, type ServiceMatch } from './service-match';
import { ServicePattern } from './service-pattern.entity';
import type { ServiceRules } from './service-rules';

/** How long a process trusts its copy of the service list before reading it again. */
export const SERVICE_CACHE_MS = 2000;

/**
 * Child rows in the order they were written: databases return eager-loaded relations in no
 * particular order, and rewrites apply in order.
 */
function inOrder<T extends { id: number }>(rows: T[] | undefined): T[] {
  return [...(rows ?? [])].sort((a, b) => a.id - b.id);
}

export function toRules(entity: ServicePattern): ServiceRules {
  return {
    id: entity.id,
    position: entity.position,
    name: entity.name,
    pattern: entity.pattern,
    userField: entity.userField,
    restrictUsers: entity.restrictUsers,
    allowedUsers: inOrder(entity.allowedUsers).map((u) => u.username),
    proxy: entity.proxy,
    proxyCallback: entity.proxyCallback,
    singleLogOut: entity.singleLogOut,
    singleLogOutCallback: entity.singleLogOutCallback,
    frontChannelLogout: entity.frontChannelLogout,
    releasedAttributes: inOrder(entity.releasedAttributes).map((a) => ({ name: a.name, renameTo: a.renameTo })),
    attributeRewrites: inOrder(entity.attributeRewrites).map((w) => ({
      attribute: w.attribute,
      pattern: w.pattern,
      replacement: w.replacement,
    })),
    requiredAttributes: inOrder(entity.requiredAttributes).map((r) => ({ attribute: r.attribute, pattern: r.pattern })),
  };
}

/**
 * The service registry as the protocol reads it. The compiled list is cached for a short
 * time: every login and validation needs it, and it changes rarely. Changes made through
 * this process are visible at once; changes made by another process within SERVICE_CACHE_MS.
 */
@Injectable()
export class ServiceRegistry {
  private cache: { loadedAt: number; services: CompiledService[] } | null = null;
  private loading: Promise<CompiledService[]> | null = null;
  private readonly logger = new Logger('services');
  /** Refused services already logged, so a reload every few seconds does not repeat them. */
  private readonly reported = new Set<string>();

  constructor(@InjectRepository(ServicePattern) private readonly repo: Repository<ServicePattern>) {}

  invalidate(): void {
    this.cache = null;
  }

  async all(): Promise<CompiledService[]> {
    if (this.cache && Date.now() - this.cache.loadedAt < SERVICE_CACHE_MS) return this.cache.services;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<CompiledService[]> {
    const entities = await this.repo.find({ order: { position: 'ASC', id: 'ASC' } });
    const services = compileServices(entities.map(toRules), (refused) => this.report(refused));
    this.cache = { loadedAt: Date.now(), services };
    return services;
  }

  private report({ rules, problems }: RefusedService): void {
    const key = JSON.stringify([rules.id, problems]);
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const why = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    this.logger.error(`service "${rules.name}" (id ${rules.id}) is skipped, its URLs are refused: ${why}`);
  }

  /**
   * The service pattern covering this URL and the canonical URL it matched, or null when no
   * pattern allows it. Callers redirect to, call back and record that URL, never the raw one.
   */
  async match(url: string): Promise<ServiceMatch | null> {
    return findService(await this.all(), url);
  }

  async byId(id: number): Promise<ServiceRules | null> {
    return (await this.all()).find((s) => s.rules.id === id)?.rules ?? null;
  }
}
