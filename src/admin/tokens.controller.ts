import { Controller, Delete, Get, HttpCode, Param, UseGuards } from '@nestjs/common';
import { Actor, AdminAuthGuard } from './admin-auth.guard';
import { AdminTokensService } from './admin-tokens.service';
import { tokenView } from './admin-views';
import { ADMIN_BASE } from './admin-paths';
import { notFound } from './validation';

/** Listing and revoking admin tokens; creating one is the CLI's job (`cas tokens:create`). */
@Controller(`${ADMIN_BASE}/tokens`)
@UseGuards(AdminAuthGuard)
export class TokensController {
  constructor(private readonly tokens: AdminTokensService) {}

  @Get()
  async list() {
    return { items: (await this.tokens.list()).map(tokenView) };
  }

  @Delete(':name')
  @HttpCode(204)
  async revoke(@Param('name') name: string, @Actor() actor: string): Promise<void> {
    if (!(await this.tokens.revoke(actor, name))) throw notFound('This active token');
  }
}
