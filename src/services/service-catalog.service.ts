import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not, QueryFailedError, Repository } from 'typeorm';
import { AllowedUser, AttributeRewrite, ReleasedAttribute, RequiredAttribute } from './service-pattern-children.entity';
import { ServicePattern } from './service-pattern.entity';
import { ServiceRegistry, toRules } from './service-registry.service';
import type { ServiceRules } from './service-rules';
import {
  checkDefinition,
  LIMITS,
  ServiceConflictError,
  ServiceDefinitionError,
  type FieldProblem,
  type ServiceDefinition,
} from './service-definition';
import { planImport, type ImportMode, type ImportPlan } from './service-import-plan';
import { patternProblem } from './regex';

export { checkDefinition, ServiceConflictError, ServiceDefinitionError, type ServiceDefinition };

const CHILDREN = [AllowedUser, ReleasedAttribute, AttributeRewrite, RequiredAttribute] as const;

function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driver = err.driverError as { code?: string } | undefined;
  return driver?.code === 'ER_DUP_ENTRY' || driver?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Compiles every regular expression of the definitions one at a time, letting other requests
 * run in between (a large import holds thousands), so that the checks that follow find them
 * compiled.
 */
async function compileInTurns(defs: ServiceDefinition[]): Promise<void> {
  for (const def of defs) {
    for (const source of [
      def.pattern,
      ...def.attributeRewrites.map((w) => w.pattern),
      ...def.requiredAttributes.map((r) => r.pattern),
    ]) {
      // Longer ones are refused for their length, uncompiled.
      if (source.length > LIMITS.valuePattern) continue;
      patternProblem(source);
      await nextTurn();
    }
  }
}

/** Thrown inside a transaction to roll a dry run back once it has been checked. */
class DryRunRollback extends Error {}

/** Creating, reading, changing and deleting service patterns (CLI, admin API). */
@Injectable()
export class ServiceCatalog {
  constructor(
    @InjectRepository(ServicePattern) private readonly repo: Repository<ServicePattern>,
    private readonly registry: ServiceRegistry,
    private readonly dataSource: DataSource,
  ) {}

  async create(def: ServiceDefinition): Promise<ServiceRules> {
    await this.check(def);
    await this.checkUnique(def, null);
    // One transaction: a service is never left without the child rows it was given.
    const id = await this.dataSource.transaction((manager) => this.write(manager, def, null));
    this.registry.invalidate();
    return (await this.get(id)) as ServiceRules;
  }

  /** Replaces every field and child list of a service; null if it does not exist. */
  async replace(id: number, def: ServiceDefinition): Promise<ServiceRules | null> {
    if (!(await this.repo.exists({ where: { id } }))) return null;
    await this.check(def);
    await this.checkUnique(def, id);
    await this.dataSource.transaction((manager) => this.write(manager, def, id));
    this.registry.invalidate();
    return this.get(id);
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.repo.delete({ id });
    this.registry.invalidate();
    return (result.affected ?? 0) > 0;
  }

  async get(id: number): Promise<ServiceRules | null> {
    const entity = await this.repo.findOne({ where: { id } });
    return entity ? toRules(entity) : null;
  }

  async list(): Promise<ServiceRules[]> {
    const entities = await this.repo.find({ order: { position: 'ASC', id: 'ASC' } });
    return entities.map(toRules);
  }

  /** A page of the services in evaluation order. */
  async page(offset: number, limit: number): Promise<{ items: ServiceRules[]; total: number }> {
    const [entities, total] = await this.repo.findAndCount({
      order: { position: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
    return { items: entities.map(toRules), total };
  }

  /**
   * Imports many definitions at once, all or nothing, in one transaction. `merge` creates
   * new names and replaces known ones; `replace` also deletes the services not listed.
   * A dry run checks everything, the database constraints included, then rolls back.
   */
  async import(defs: ServiceDefinition[], mode: ImportMode, dryRun: boolean): Promise<ImportPlan> {
    await compileInTurns(defs);
    const problems: FieldProblem[] = [];
    defs.forEach((def, i) =>
      problems.push(...checkDefinition(def).map((p) => ({ field: `services[${i}].${p.field}`, message: p.message }))),
    );
    if (problems.length > 0) throw new ServiceDefinitionError(problems);
    const plan = planImport(await this.list(), defs, mode);
    if (plan.conflicts.length > 0) throw new ServiceConflictError(plan.conflicts);
    try {
      await this.dataSource.transaction(async (manager) => {
        if (plan.deleted.length > 0)
          await manager.delete(
            ServicePattern,
            plan.deleted.map((s) => s.id),
          );
        for (const { id, definition } of plan.updated) await this.write(manager, definition, id);
        for (const definition of plan.created) await this.write(manager, definition, null);
        if (dryRun) throw new DryRunRollback();
      });
    } catch (err) {
      if (err instanceof DryRunRollback) return plan;
      if (isUniqueViolation(err)) {
        throw new ServiceConflictError([{ field: 'services', message: 'two services would share a name or pattern' }]);
      }
      throw err;
    }
    this.registry.invalidate();
    return plan;
  }

  private async check(def: ServiceDefinition): Promise<void> {
    await compileInTurns([def]);
    const errors = checkDefinition(def);
    if (errors.length > 0) throw new ServiceDefinitionError(errors);
  }

  private async checkUnique(def: ServiceDefinition, id: number | null): Promise<void> {
    const others = id === null ? {} : { id: Not(id) };
    const conflicts: FieldProblem[] = [];
    if (await this.repo.exists({ where: { ...others, name: def.name } })) {
      conflicts.push({ field: 'name', message: 'another service has this name' });
    }
    if (await this.repo.exists({ where: { ...others, pattern: def.pattern } })) {
      conflicts.push({ field: 'pattern', message: 'another service has this pattern' });
    }
    if (conflicts.length > 0) throw new ServiceConflictError(conflicts);
  }

  /** Inserts (id null) or overwrites a service and its child rows; returns its id. */
  private async write(manager: EntityManager, def: ServiceDefinition, id: number | null): Promise<number> {
    const now = Date.now();
    const columns = {
      position: def.position,
      name: def.name,
      pattern: def.pattern,
      userField: def.userField,
      restrictUsers: def.restrictUsers,
      proxy: def.proxy,
      proxyCallback: def.proxyCallback,
      singleLogOut: def.singleLogOut,
      singleLogOutCallback: def.singleLogOutCallback,
      frontChannelLogout: def.frontChannelLogout,
      updatedAt: now,
    };
    let serviceId: number;
    try {
      if (id === null) {
        const inserted = await manager.insert(ServicePattern, { ...columns, createdAt: now });
        serviceId = Number(inserted.identifiers[0].id);
      } else {
        await manager.update(ServicePattern, { id }, columns);
        for (const child of CHILDREN) await manager.delete(child, { service: { id } });
        serviceId = id;
      }
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ServiceConflictError([{ field: 'name', message: 'another service has this name or pattern' }]);
      }
      throw err;
    }
    const service = { id: serviceId } as ServicePattern;
    const rows = <T>(type: new () => T, values: Array<Partial<T>>) =>
      values.length === 0
        ? Promise.resolve()
        : manager.insert(
            type,
            values.map((v) => ({ ...v, service }) as T),
          );
    await rows(
      AllowedUser,
      def.allowedUsers.map((username) => ({ username })),
    );
    await rows(
      ReleasedAttribute,
      def.releasedAttributes.map((a) => ({ name: a.name, renameTo: a.renameTo })),
    );
    await rows(
      AttributeRewrite,
      def.attributeRewrites.map((w) => ({ ...w })),
    );
    await rows(
      RequiredAttribute,
      def.requiredAttributes.map((r) => ({ ...r })),
    );
    return serviceId;
  }
}
