import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../common/problem';
import { ServiceCatalog } from '../services/service-catalog.service';
import { DEFAULT_DEFINITION, checkDefinition, type ServiceDefinition } from '../services/service-definition';
import { Actor, AdminAuthGuard } from './admin-auth.guard';
import { ADMIN_BASE } from './admin-paths';
import { adminCall } from './admin-problems';
import { ImportQuery, MatchQuery, PageQuery, pageOf } from './admin-queries';
import {
  ImportResult,
  MatchResult,
  ServiceExport,
  ServiceImport,
  ServiceInput,
  ServicePage,
  ServicePatch,
  ServiceView,
  type ServiceInputType,
} from './admin-schemas';
import { definitionOf, pageView, serviceView } from './admin-views';
import { ApiOperation, ApiResource, INVALID, NOT_FOUND } from './api-operation';
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

const BY_ID = { params: { id: z.number().int().min(1).max(999_999_999) } };
const CLASH = { '409': 'Name or pattern already used' };

@Controller(`${ADMIN_BASE}/services`)
@UseGuards(AdminAuthGuard)
@ApiResource({ tag: 'services', description: 'Service patterns, in evaluation order' })
export class ServicesController {
  constructor(
    private readonly catalog: ServiceCatalog,
    private readonly services: ServiceAdmin,
  ) {}

  @Get()
  @ApiOperation({
    id: 'listServices',
    summary: 'List services by position',
    query: PageQuery,
    response: { description: 'A page of services', schema: ServicePage },
  })
  async list(@Query() query: unknown) {
    const { page, pageSize, offset } = pageOf(parseQuery(PageQuery, query));
    const { items, total } = await this.catalog.page(offset, pageSize);
    return pageView(items.map(serviceView), page, pageSize, total);
  }

  @Get('match')
  @ApiOperation({
    id: 'matchService',
    summary: 'Which service matches a URL, and what a user would get from it',
    query: MatchQuery,
    response: { description: 'The preview', schema: MatchResult },
  })
  async match(@Query() query: unknown) {
    const { url, username } = parseQuery(MatchQuery, query);
    const preview = await this.services.match(url, username);
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
  @ApiOperation({
    id: 'exportServices',
    summary: 'Every service, in the import format',
    response: { description: 'The export', schema: ServiceExport },
  })
  export() {
    return this.services.export();
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    id: 'importServices',
    summary: 'Import services, all or nothing',
    query: ImportQuery,
    body: ServiceImport,
    response: { description: 'What was (or would be) done', schema: ImportResult },
    errors: { ...INVALID, '409': 'Two services would share a name or pattern' },
  })
  async import(@Body() body: unknown, @Query() query: unknown, @Actor() actor: string) {
    const { mode, dryRun: dryRunText } = parseQuery(ImportQuery, query);
    const input = parseBodyAll(ServiceImport, body, {
      rules: ({ services }) =>
        services.flatMap((s, i) =>
          checkDefinition(toDefinition(s, BLANK)).map((p) => ({
            field: `services[${i}].${p.field}`,
            message: p.message,
          })),
        ),
    });
    const dryRun = dryRunText === 'true';
    const definitions = input.services.map((s) => toDefinition(s, BLANK));
    const summary = await adminCall(() => this.services.import(actor, definitions, { mode, dryRun }));
    return { dryRun, mode, ...summary };
  }

  @Post()
  @ApiOperation({
    id: 'createService',
    summary: 'Create a service',
    body: ServiceInput,
    response: { description: 'Created', schema: ServiceView },
    errors: { ...INVALID, ...CLASH },
  })
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
  @ApiOperation({
    id: 'getService',
    summary: 'Read a service',
    ...BY_ID,
    response: { description: 'The service', schema: ServiceView },
    errors: NOT_FOUND,
  })
  async get(@Param('id') rawId: string) {
    const id = serviceId(rawId);
    return serviceView(await adminCall(() => this.services.get(id)));
  }

  @Put(':id')
  @ApiOperation({
    id: 'replaceService',
    summary: 'Replace a service (omitted fields take their defaults)',
    ...BY_ID,
    body: ServiceInput,
    response: { description: 'The service', schema: ServiceView },
    errors: { ...NOT_FOUND, ...INVALID, ...CLASH },
  })
  async replace(@Param('id') rawId: string, @Body() body: unknown, @Actor() actor: string) {
    const id = serviceId(rawId);
    await adminCall(() => this.services.get(id));
    const input = parseBodyAll(ServiceInput, body, {
      always: (i) => bodyIdProblems(i, id),
      rules: (i) => checkDefinition(toDefinition(i, BLANK)),
    });
    return serviceView(await adminCall(() => this.services.replace(actor, id, toDefinition(input, BLANK))));
  }

  @Patch(':id')
  @ApiOperation({
    id: 'patchService',
    summary: 'Change some fields of a service (lists are replaced whole)',
    ...BY_ID,
    body: ServicePatch,
    response: { description: 'The service', schema: ServiceView },
    errors: { ...NOT_FOUND, ...INVALID, ...CLASH },
  })
  async patch(@Param('id') rawId: string, @Body() body: unknown, @Actor() actor: string) {
    const id = serviceId(rawId);
    const base = definitionOf(await adminCall(() => this.services.get(id)));
    const input = parseBodyAll(ServicePatch, body, {
      always: (i) => bodyIdProblems(i, id),
      rules: (i) => checkDefinition(toDefinition(i, base)),
    });
    return serviceView(await adminCall(() => this.services.patch(actor, id, toDefinition(input, base))));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    id: 'deleteService',
    summary: 'Delete a service',
    ...BY_ID,
    response: { description: 'Deleted' },
    errors: NOT_FOUND,
  })
  async delete(@Param('id') rawId: string, @Actor() actor: string): Promise<void> {
    const id = serviceId(rawId);
    await adminCall(() => this.services.delete(actor, id));
  }
}
