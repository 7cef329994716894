import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { AuditQuery, pageOf } from './admin-queries';
import { AuditPage } from './admin-schemas';
import { auditView, pageView } from './admin-views';
import { AuditService } from './audit.service';
import { ADMIN_BASE } from './admin-paths';
import { ApiOperation, ApiResource } from './api-operation';
import { parseQuery } from './validation';

@Controller(`${ADMIN_BASE}/audit`)
@UseGuards(AdminAuthGuard)
@ApiResource({ tag: 'audit', description: 'Every change made through the API or the CLI' })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    id: 'listAudit',
    summary: 'The audit trail, newest first',
    query: AuditQuery,
    response: { description: 'A page of entries', schema: AuditPage },
  })
  async list(@Query() query: unknown) {
    const params = parseQuery(AuditQuery, query);
    const { page, pageSize, offset } = pageOf(params);
    const { items, total } = await this.audit.list(params, offset, pageSize);
    return pageView(items.map(auditView), page, pageSize, total);
  }
}
