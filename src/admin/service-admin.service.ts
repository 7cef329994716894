import { Injectable } from '@nestjs/common';
import { ServiceCatalog } from '../services/service-catalog.service';
import type { ServiceDefinition } from '../services/service-definition';
import type { ImportMode } from '../services/service-import-plan';
import type { ServiceRules } from '../services/service-rules';
import { AuditService } from './audit.service';
import { NotFoundError } from './use-case-errors';

export interface ImportSummary {
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: string[];
}

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  /** The audit action, which says where the definitions came from. */
  action: string;
  /** More facts for the audit record (e.g. the file imported). */
  context?: Record<string, unknown>;
}

/**
 * The administration of service patterns, one method per operation, called alike by the admin
 * API and the CLI. The catalogue checks each definition (every problem at once) and refuses
 * clashes; this adds the audit record of each change.
 */
@Injectable()
export class ServiceAdmin {
  constructor(
    private readonly catalog: ServiceCatalog,
    private readonly audit: AuditService,
  ) {}

  async get(id: number): Promise<ServiceRules> {
    const service = await this.catalog.get(id);
    if (!service) throw new NotFoundError('service', id);
    return service;
  }

  /** A service named by its id (digits) or its name, as an administrator types it. */
  async find(idOrName: string): Promise<ServiceRules> {
    if (/^\d{1,9}$/.test(idOrName)) return this.get(Number(idOrName));
    const service = (await this.catalog.list()).find((s) => s.name === idOrName);
    if (!service) throw new NotFoundError('service', idOrName);
    return service;
  }

  async create(actor: string, definition: ServiceDefinition): Promise<ServiceRules> {
    const created = await this.catalog.create(definition);
    await this.audit.record(actor, {
      action: 'service.create',
      targetType: 'service',
      targetId: created.id,
      after: created,
    });
    return created;
  }

  /** `action` tells a whole replacement (PUT) from a change of some fields (PATCH) in the trail. */
  async replace(actor: string, id: number, definition: ServiceDefinition, action: string): Promise<ServiceRules> {
    const before = await this.get(id);
    const after = await this.catalog.replace(id, definition);
    if (!after) throw new NotFoundError('service', id);
    await this.audit.record(actor, { action, targetType: 'service', targetId: id, before, after });
    return after;
  }

  async delete(actor: string, id: number): Promise<ServiceRules> {
    const before = await this.get(id);
    if (!(await this.catalog.delete(id))) throw new NotFoundError('service', id);
    await this.audit.record(actor, { action: 'service.delete', targetType: 'service', targetId: id, before });
    return before;
  }

  /** All or nothing; a dry run changes nothing and is not recorded. */
  async import(actor: string, definitions: ServiceDefinition[], options: ImportOptions): Promise<ImportSummary> {
    const plan = await this.catalog.import(definitions, options.mode, options.dryRun);
    const summary: ImportSummary = {
      created: plan.created.map((d) => d.name),
      updated: plan.updated.map((u) => u.definition.name),
      deleted: plan.deleted.map((s) => s.name),
      unchanged: plan.unchanged,
    };
    if (!options.dryRun) {
      await this.audit.record(actor, {
        action: options.action,
        targetType: 'service',
        targetId: '*',
        after: { ...options.context, mode: options.mode, ...summary },
      });
    }
    return summary;
  }
}
