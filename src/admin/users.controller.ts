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
import { PageQuery, pageOf } from './admin-queries';
import { PasswordInput, UserCreate, UserPage, UserPatch, UserView } from './admin-schemas';
import { pageView, userView } from './admin-views';
import { ApiOperation, ApiResource, INVALID, NOT_FOUND } from './api-operation';
import { UserAdmin } from './user-admin.service';
import { parseBody, parseQuery } from './validation';

/** Users of the `local` authentication source. Passwords go in, never out. */
@Controller(`${ADMIN_BASE}/users`)
@UseGuards(AdminAuthGuard)
@ApiResource({ tag: 'users', description: 'Users of the local authentication source' })
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly admin: UserAdmin,
  ) {}

  @Get()
  @ApiOperation({
    id: 'listUsers',
    summary: 'List local users',
    query: PageQuery,
    response: { description: 'A page of users', schema: UserPage },
  })
  async list(@Query() query: unknown) {
    const { page, pageSize, offset } = pageOf(parseQuery(PageQuery, query));
    const { items, total } = await this.users.page(offset, pageSize);
    return pageView(items.map(userView), page, pageSize, total);
  }

  @Post()
  @ApiOperation({
    id: 'createUser',
    summary: 'Create a local user',
    body: UserCreate,
    response: { description: 'Created', schema: UserView },
    errors: { ...INVALID, '409': 'Username taken' },
  })
  async create(@Body() body: unknown, @Actor() actor: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = parseBody(UserCreate, body);
    const user = await adminCall(() => this.admin.create(actor, input));
    void reply.header('Location', `${ADMIN_BASE}/users/${encodeURIComponent(user.username)}`);
    return userView(user);
  }

  @Get(':username')
  @ApiOperation({
    id: 'getUser',
    summary: 'Read a user',
    response: { description: 'The user', schema: UserView },
    errors: NOT_FOUND,
  })
  async get(@Param('username') username: string) {
    return userView(await adminCall(() => this.admin.get(username)));
  }

  @Patch(':username')
  @ApiOperation({
    id: 'updateUser',
    summary: 'Replace attributes, disable or enable',
    body: UserPatch,
    response: { description: 'The user', schema: UserView },
    errors: { ...NOT_FOUND, ...INVALID },
  })
  async update(@Param('username') username: string, @Body() body: unknown, @Actor() actor: string) {
    await adminCall(() => this.admin.get(username));
    const changes = parseBody(UserPatch, body);
    const { user } = await adminCall(() => this.admin.update(actor, username, changes));
    return userView(user);
  }

  @Put(':username/password')
  @HttpCode(204)
  @ApiOperation({
    id: 'setUserPassword',
    summary: 'Set the password (stored as a bcrypt hash, never returned); ends the user’s SSO sessions',
    body: PasswordInput,
    response: { description: 'Changed' },
    errors: { ...NOT_FOUND, ...INVALID },
  })
  async setPassword(@Param('username') username: string, @Body() body: unknown, @Actor() actor: string): Promise<void> {
    await adminCall(() => this.admin.get(username));
    const { password } = parseBody(PasswordInput, body);
    await adminCall(() => this.admin.setPassword(actor, username, password));
  }

  @Delete(':username')
  @HttpCode(204)
  @ApiOperation({
    id: 'deleteUser',
    summary: 'Delete a user and end their sessions',
    response: { description: 'Deleted' },
    errors: NOT_FOUND,
  })
  async delete(@Param('username') username: string, @Actor() actor: string): Promise<void> {
    await adminCall(() => this.admin.delete(actor, username));
  }
}
