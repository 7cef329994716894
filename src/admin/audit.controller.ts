import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { AuditQuery, pageOf } from './admin-schemas';
import { auditView, pageView } from './admin-views';
import { AuditService } from './audit.service';
import { ADMIN_BASE } from './admin-paths';
import { parseQuery } from './validation';

@Controller(`${ADMIN_BASE}/audit`)
@UseGuards(AdminAuthGuard)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(@Query() query: unknown) {
    const params = parseQuery(AuditQuery, query);
    const { page, pageSize, offset } = pageOf(params);
    const { items, total } = await this.audit.list(params, offset, pageSize);
    return pageView(items.map(auditView), page, pageSize, total);
  }
}
