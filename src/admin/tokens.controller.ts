import { Controller, Delete, Get, HttpCode, Param, UseGuards } from '@nestjs/common';
import { Actor, AdminAuthGuard } from './admin-auth.guard';
import { tokenView } from './admin-views';
import { ADMIN_BASE } from './admin-paths';
import { TokenList } from './admin-schemas';
import { ApiOperation, ApiResource, NOT_FOUND } from './api-operation';
import { TokenAdmin } from './token-admin.service';
import { notFound } from './validation';

/** Listing and revoking admin tokens; creating one is the CLI's job (`cas tokens:create`). */
@Controller(`${ADMIN_BASE}/tokens`)
@UseGuards(AdminAuthGuard)
@ApiResource({ tag: 'tokens', description: 'Admin API tokens' })
export class TokensController {
  constructor(private readonly tokens: TokenAdmin) {}

  @Get()
  @ApiOperation({
    id: 'listTokens',
    summary: 'List admin tokens (never their values)',
    response: { description: 'The tokens', schema: TokenList },
  })
  async list() {
    return { items: (await this.tokens.list()).map(tokenView) };
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({
    id: 'revokeToken',
    summary: 'Revoke a token',
    response: { description: 'Revoked' },
    errors: NOT_FOUND,
  })
  async revoke(@Param('name') name: string, @Actor() actor: string): Promise<void> {
    if (!(await this.tokens.revoke(actor, name))) throw notFound('This active token');
  }
}
