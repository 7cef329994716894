import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isValidRegex } from './regex';
import { AllowedUser, AttributeRewrite, ReleasedAttribute, RequiredAttribute } from './service-pattern-children.entity';
import { ServicePattern } from './service-pattern.entity';
import { ServiceRegistry, toRules } from './service-registry.service';
import type { ServiceRules } from './service-rules';

export type ServiceDefinition = Omit<ServiceRules, 'id'>;

export class ServiceDefinitionError extends Error {
  constructor(readonly errors: Array<{ field: string; message: string }>) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/** Checks a definition before it is stored; every problem is reported, not just the first. */
export function checkDefinition(def: ServiceDefinition): Array<{ field: string; message: string }> {
  const errors: Array<{ field: string; message: string }> = [];
  if (!def.name.trim()) errors.push({ field: 'name', message: 'must not be empty' });
  if (!def.pattern) errors.push({ field: 'pattern', message: 'must not be empty' });
  else if (!isValidRegex(def.pattern)) errors.push({ field: 'pattern', message: 'is not a valid regular expression' });
  def.attributeRewrites.forEach((w, i) => {
    if (!isValidRegex(w.pattern)) {
      errors.push({ field: `attributeRewrites[${i}].pattern`, message: 'is not a valid regular expression' });
    }
  });
  def.requiredAttributes.forEach((r, i) => {
    if (!isValidRegex(r.pattern)) {
      errors.push({ field: `requiredAttributes[${i}].pattern`, message: 'is not a valid regular expression' });
    }
  });
  return errors;
}

/** Creating and listing service patterns (CLI, admin API). */
@Injectable()
export class ServiceCatalog {
  constructor(
    @InjectRepository(ServicePattern) private readonly repo: Repository<ServicePattern>,
    private readonly registry: ServiceRegistry,
  ) {}

  async create(def: ServiceDefinition): Promise<ServiceRules> {
    const errors = checkDefinition(def);
    if (errors.length > 0) throw new ServiceDefinitionError(errors);
    const now = Date.now();
    const entity = this.repo.create({
      position: def.position,
      name: def.name,
      pattern: def.pattern,
      userField: def.userField,
      restrictUsers: def.restrictUsers,
      proxy: def.proxy,
      proxyCallback: def.proxyCallback,
      singleLogOut: def.singleLogOut,
      singleLogOutCallback: def.singleLogOutCallback,
      createdAt: now,
      updatedAt: now,
      allowedUsers: def.allowedUsers.map((username) => Object.assign(new AllowedUser(), { username })),
      releasedAttributes: def.releasedAttributes.map((a) => Object.assign(new ReleasedAttribute(), a)),
      attributeRewrites: def.attributeRewrites.map((w) => Object.assign(new AttributeRewrite(), w)),
      requiredAttributes: def.requiredAttributes.map((r) => Object.assign(new RequiredAttribute(), r)),
    });
    const saved = await this.repo.save(entity);
    this.registry.invalidate();
    return toRules(saved);
  }

  async list(): Promise<ServiceRules[]> {
    const entities = await this.repo.find({ order: { position: 'ASC', id: 'ASC' } });
    return entities.map(toRules);
  }
}
