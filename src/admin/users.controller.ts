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
import { UsersService } from '../auth/users.service';
import { Actor, AdminAuthGuard } from './admin-auth.guard';
import { ADMIN_BASE } from './admin-paths';
import { adminCall } from './admin-problems';
import { PageQuery, PasswordInput, UserCreate, UserPatch, pageOf } from './admin-schemas';
import { pageView, userView } from './admin-views';
import { UserAdmin } from './user-admin.service';
import { parseBody, parseQuery } from './validation';

/** Users of the `local` authentication source. Passwords go in, never out. */
@Controller(`${ADMIN_BASE}/users`)
@UseGuards(AdminAuthGuard)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly admin: UserAdmin,
  ) {}

  @Get()
  async list(@Query() query: unknown) {
    const { page, pageSize, offset } = pageOf(parseQuery(PageQuery, query));
    const { items, total } = await this.users.page(offset, pageSize);
    return pageView(items.map(userView), page, pageSize, total);
  }

  @Post()
  async create(@Body() body: unknown, @Actor() actor: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = parseBody(UserCreate, body);
    const user = await adminCall(() => this.admin.create(actor, input));
    void reply.header('Location', `${ADMIN_BASE}/users/${encodeURIComponent(user.username)}`);
    return userView(user);
  }

  @Get(':username')
  async get(@Param('username') username: string) {
    return userView(await adminCall(() => this.admin.get(username)));
  }

  @Patch(':username')
  async update(@Param('username') username: string, @Body() body: unknown, @Actor() actor: string) {
    await adminCall(() => this.admin.get(username));
    const changes = parseBody(UserPatch, body);
    const { user } = await adminCall(() => this.admin.update(actor, username, changes));
    return userView(user);
  }

  @Put(':username/password')
  @HttpCode(204)
  async setPassword(@Param('username') username: string, @Body() body: unknown, @Actor() actor: string): Promise<void> {
    await adminCall(() => this.admin.get(username));
    const { password } = parseBody(PasswordInput, body);
    await adminCall(() => this.admin.setPassword(actor, username, password));
  }

  @Delete(':username')
  @HttpCode(204)
  async delete(@Param('username') username: string, @Actor() actor: string): Promise<void> {
    await adminCall(() => this.admin.delete(actor, username));
  }
}
