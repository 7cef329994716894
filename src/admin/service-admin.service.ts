import { Inject, Injectable } from '@nestjs/common';
import { boundAttributes } from '../auth/attribute-limits';
import { UsersService } from '../auth/users.service';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { previewMatch, type MatchPreview } from '../services/match-preview';
import { ServiceCatalog } from '../services/service-catalog.service';
import type { ServiceDefinition } from '../services/service-definition';
import type { ImportMode } from '../services/service-import-plan';
import { compileServices } from '../services/service-match';
import type { ServiceRules } from '../services/service-rules';
import { definitionOf } from './admin-views';
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
}

/** How an import is recorded: the action says where the definitions came from. */
export interface ImportRecord {
  action: string;
  /** More facts for the audit record (e.g. the file imported). */
  context?: Record<string, unknown>;
}

/** Every service, in the form import reads back. */
export interface ServiceExportDocument {
  version: 1;
  exportedAt: string;
  services: ServiceDefinition[];
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
    private readonly users: UsersService,
    private readonly audit: AuditService,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
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

  /** A whole new definition (PUT). */
  replace(actor: string, id: number, definition: ServiceDefinition): Promise<ServiceRules> {
    return this.change(actor, id, definition, 'service.replace');
  }

  /** The definition with some fields changed (PATCH); recorded apart from a replacement. */
  patch(actor: string, id: number, definition: ServiceDefinition): Promise<ServiceRules> {
    return this.change(actor, id, definition, 'service.patch');
  }

  private async change(actor: string, id: number, definition: ServiceDefinition, action: string) {
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
  async import(
    actor: string,
    definitions: ServiceDefinition[],
    options: ImportOptions,
    record: ImportRecord = { action: 'service.import' },
  ): Promise<ImportSummary> {
    const plan = await this.catalog.import(definitions, options.mode, options.dryRun);
    const summary: ImportSummary = {
      created: plan.created.map((d) => d.name),
      updated: plan.updated.map((u) => u.definition.name),
      deleted: plan.deleted.map((s) => s.name),
      unchanged: plan.unchanged,
    };
    if (!options.dryRun) {
      await this.audit.record(actor, {
        action: record.action,
        targetType: 'service',
        targetId: '*',
        after: { ...record.context, mode: options.mode, ...summary },
      });
    }
    return summary;
  }

  async export(): Promise<ServiceExportDocument> {
    const services = await this.catalog.list();
    return { version: 1, exportedAt: new Date().toISOString(), services: services.map(definitionOf) };
  }

  /**
   * Which service a URL matches and what a user would get from it, as at login: the user's
   * over-long attribute values left out, attributes too large in all refused.
   */
  async match(url: string, username: string | undefined): Promise<MatchPreview> {
    const found = username === undefined ? null : await this.users.findByUsername(username);
    const bounded = found && boundAttributes(found.attributes, this.config.attributeLimits);
    const user = found && bounded && { ...found, attributes: bounded.attributes, attributesTooLarge: bounded.tooLarge };
    return previewMatch(compileServices(await this.catalog.list()), url, username, user);
  }
}
