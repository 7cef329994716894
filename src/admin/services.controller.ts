import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { boundAttributes } from '../auth/attribute-limits';
import { UsersService } from '../auth/users.service';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { previewMatch } from '../services/match-preview';
import { ServiceCatalog } from '../services/service-catalog.service';
import { compileServices } from '../services/service-match';
import {
  DEFAULT_DEFINITION,
  ServiceConflictError,
  ServiceDefinitionError,
  type ServiceDefinition,
} from '../services/service-definition';
import type { ServiceRules } from '../services/service-rules';
import { Actor, AdminAuthGuard } from './admin-auth.guard';
import { ADMIN_BASE } from './admin-paths';
import {
  ImportQuery,
  MatchQuery,
  PageQuery,
  ServiceImport,
  ServiceInput,
  ServicePatch,
  pageOf,
  type ServiceInputType,
} from './admin-schemas';
import { definitionOf, pageView, serviceView } from './admin-views';
import { AuditService } from './audit.service';
import { invalid, notFound, parseBody, parseQuery } from './validation';

/** Catalogue errors in the admin API's terms: 422 for bad definitions, 409 for clashes. */
async function catalogCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ServiceDefinitionError) throw invalid(422, 'The service is not valid', err.errors);
    if (err instanceof ServiceConflictError) throw invalid(409, 'The service clashes with another one', err.errors);
    throw err;
  }
}

function toDefinition(input: Partial<ServiceInputType>, base: ServiceDefinition): ServiceDefinition {
  const readOnly = new Set(['id', 'releasesAttributes']);
  const defined = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && !readOnly.has(k)));
  return { ...base, ...defined } as ServiceDefinition;
}

function serviceId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw notFound('This service');
  return Number(raw);
}

function checkBodyId(input: { id?: number }, id: number): void {
  if (input.id !== undefined && input.id !== id) {
    throw invalid(422, 'The request body is not valid', [{ field: 'id', message: 'does not match the URL' }]);
  }
}

@Controller(`${ADMIN_BASE}/services`)
@UseGuards(AdminAuthGuard)
export class ServicesController {
  constructor(
    private readonly catalog: ServiceCatalog,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {}

  @Get()
  async list(@Query() query: unknown) {
    const { page, pageSize, offset } = pageOf(parseQuery(PageQuery, query));
    const { items, total } = await this.catalog.page(offset, pageSize);
    return pageView(items.map(serviceView), page, pageSize, total);
  }

  @Get('match')
  async match(@Query() query: unknown) {
    const { url, username } = parseQuery(MatchQuery, query);
    const found = username === undefined ? null : await this.users.findByUsername(username);
    // As at login: over-long values left out, too large in all refused.
    const bounded = found && boundAttributes(found.attributes, this.config.attributeLimits);
    const user = found && bounded && { ...found, attributes: bounded.attributes, attributesTooLarge: bounded.tooLarge };
    const preview = previewMatch(compileServices(await this.catalog.list()), url, username, user);
    return {
      url,
      matched: preview.service !== null,
      service: preview.service && serviceView(preview.service),
      user: preview.user,
    };
  }

  @Get('export')
  async export() {
    const services = await this.catalog.list();
    return { version: 1, exportedAt: new Date().toISOString(), services: services.map(definitionOf) };
  }

  @Post('import')
  @HttpCode(200)
  async import(@Body() body: unknown, @Query() query: unknown, @Actor() actor: string) {
    const options = parseQuery(ImportQuery, query);
    const input = parseBody(ServiceImport, body);
    const mode = options.mode ?? 'merge';
    const dryRun = options.dryRun === 'true';
    const definitions = input.services.map((s) => toDefinition(s, { ...DEFAULT_DEFINITION, name: '', pattern: '' }));
    const plan = await catalogCall(() => this.catalog.import(definitions, mode, dryRun));
    const result = {
      dryRun,
      mode,
      created: plan.created.map((d) => d.name),
      updated: plan.updated.map((u) => u.definition.name),
      deleted: plan.deleted.map((s) => s.name),
      unchanged: plan.unchanged,
    };
    if (!dryRun) {
      await this.audit.record(actor, { action: 'service.import', targetType: 'service', targetId: '*', after: result });
    }
    return result;
  }

  @Post()
  async create(@Body() body: unknown, @Actor() actor: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = parseBody(ServiceInput, body);
    if (input.id !== undefined) {
      throw invalid(422, 'The request body is not valid', [{ field: 'id', message: 'is chosen by the server' }]);
    }
    const definition = toDefinition(input, { ...DEFAULT_DEFINITION, name: '', pattern: '' });
    const created = await catalogCall(() => this.catalog.create(definition));
    await this.audit.record(actor, {
      action: 'service.create',
      targetType: 'service',
      targetId: created.id,
      after: created,
    });
    void reply.header('Location', `${ADMIN_BASE}/services/${created.id}`);
    return serviceView(created);
  }

  @Get(':id')
  async get(@Param('id') rawId: string) {
    return serviceView(await this.existing(serviceId(rawId)));
  }

  @Put(':id')
  async replace(@Param('id') rawId: string, @Body() body: unknown, @Actor() actor: string) {
    const id = serviceId(rawId);
    const before = await this.existing(id);
    const input = parseBody(ServiceInput, body);
    checkBodyId(input, id);
    return this.store(
      actor,
      'service.replace',
      before,
      toDefinition(input, { ...DEFAULT_DEFINITION, name: '', pattern: '' }),
    );
  }

  @Patch(':id')
  async patch(@Param('id') rawId: string, @Body() body: unknown, @Actor() actor: string) {
    const id = serviceId(rawId);
    const before = await this.existing(id);
    const input = parseBody(ServicePatch, body);
    checkBodyId(input, id);
    return this.store(actor, 'service.patch', before, toDefinition(input, definitionOf(before)));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') rawId: string, @Actor() actor: string): Promise<void> {
    const before = await this.existing(serviceId(rawId));
    if (!(await this.catalog.delete(before.id))) throw notFound('This service');
    await this.audit.record(actor, { action: 'service.delete', targetType: 'service', targetId: before.id, before });
  }

  private async existing(id: number): Promise<ServiceRules> {
    const service = await this.catalog.get(id);
    if (!service) throw notFound('This service');
    return service;
  }

  private async store(actor: string, action: string, before: ServiceRules, definition: ServiceDefinition) {
    const after = await catalogCall(() => this.catalog.replace(before.id, definition));
    if (!after) throw notFound('This service');
    await this.audit.record(actor, { action, targetType: 'service', targetId: before.id, before, after });
    return serviceView(after);
  }
}
