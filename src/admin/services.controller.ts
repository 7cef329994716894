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
import type { FieldError } from '../common/problem';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { previewMatch } from '../services/match-preview';
import { ServiceCatalog } from '../services/service-catalog.service';
import { compileServices } from '../services/service-match';
import { DEFAULT_DEFINITION, checkDefinition, type ServiceDefinition } from '../services/service-definition';
import { Actor, AdminAuthGuard } from './admin-auth.guard';
import { ADMIN_BASE } from './admin-paths';
import { adminCall } from './admin-problems';
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
import { ServiceAdmin } from './service-admin.service';
import { notFound, parseBodyAll, parseQuery } from './validation';

const BLANK: ServiceDefinition = { ...DEFAULT_DEFINITION, name: '', pattern: '' };

function toDefinition(input: Partial<ServiceInputType>, base: ServiceDefinition): ServiceDefinition {
  const readOnly = new Set(['id', 'releasesAttributes']);
  const defined = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && !readOnly.has(k)));
  return { ...base, ...defined } as ServiceDefinition;
}

function serviceId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw notFound('This service');
  return Number(raw);
}

function bodyIdProblems(input: { id?: number }, id: number | null): FieldError[] {
  if (input.id === undefined) return [];
  if (id === null) return [{ field: 'id', message: 'is chosen by the server' }];
  return input.id === id ? [] : [{ field: 'id', message: 'does not match the URL' }];
}

@Controller(`${ADMIN_BASE}/services`)
@UseGuards(AdminAuthGuard)
export class ServicesController {
  constructor(
    private readonly catalog: ServiceCatalog,
    private readonly services: ServiceAdmin,
    private readonly users: UsersService,
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
      canonicalUrl: preview.canonicalUrl,
      urlProblem: preview.urlProblem,
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
    const input = parseBodyAll(ServiceImport, body, {
      rules: ({ services }) =>
        services.flatMap((s, i) =>
          checkDefinition(toDefinition(s, BLANK)).map((p) => ({
            field: `services[${i}].${p.field}`,
            message: p.message,
          })),
        ),
    });
    const mode = options.mode ?? 'merge';
    const dryRun = options.dryRun === 'true';
    const definitions = input.services.map((s) => toDefinition(s, BLANK));
    const summary = await adminCall(() =>
      this.services.import(actor, definitions, { mode, dryRun, action: 'service.import' }),
    );
    return { dryRun, mode, ...summary };
  }

  @Post()
  async create(@Body() body: unknown, @Actor() actor: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = parseBodyAll(ServiceInput, body, {
      always: (i) => bodyIdProblems(i, null),
      rules: (i) => checkDefinition(toDefinition(i, BLANK)),
    });
    const created = await adminCall(() => this.services.create(actor, toDefinition(input, BLANK)));
    void reply.header('Location', `${ADMIN_BASE}/services/${created.id}`);
    return serviceView(created);
  }

  @Get(':id')
  async get(@Param('id') rawId: string) {
    const id = serviceId(rawId);
    return serviceView(await adminCall(() => this.services.get(id)));
  }

  @Put(':id')
  async replace(@Param('id') rawId: string, @Body() body: unknown, @Actor() actor: string) {
    const id = serviceId(rawId);
    await adminCall(() => this.services.get(id));
    const input = parseBodyAll(ServiceInput, body, {
      always: (i) => bodyIdProblems(i, id),
      rules: (i) => checkDefinition(toDefinition(i, BLANK)),
    });
    const after = await adminCall(() =>
      this.services.replace(actor, id, toDefinition(input, BLANK), 'service.replace'),
    );
    return serviceView(after);
  }

  @Patch(':id')
  async patch(@Param('id') rawId: string, @Body() body: unknown, @Actor() actor: string) {
    const id = serviceId(rawId);
    const base = definitionOf(await adminCall(() => this.services.get(id)));
    const input = parseBodyAll(ServicePatch, body, {
      always: (i) => bodyIdProblems(i, id),
      rules: (i) => checkDefinition(toDefinition(i, base)),
    });
    const after = await adminCall(() => this.services.replace(actor, id, toDefinition(input, base), 'service.patch'));
    return serviceView(after);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') rawId: string, @Actor() actor: string): Promise<void> {
    const id = serviceId(rawId);
    await adminCall(() => this.services.delete(actor, id));
  }
}
