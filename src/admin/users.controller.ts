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
import type { User } from '../auth/user.entity';
import { UserExistsError, UsersService } from '../auth/users.service';
import { InvalidUserError } from '../auth/user-values';
import { ProblemException, problem } from '../common/problem';
import { SessionTerminator } from '../sessions/session-terminator.service';
import { Actor, AdminAuthGuard } from './admin-auth.guard';
import { PageQuery, PasswordInput, UserCreate, UserPatch, pageOf } from './admin-schemas';
import { pageView, userView } from './admin-views';
import { AuditService } from './audit.service';
import { ADMIN_BASE } from './admin-paths';
import { invalid, notFound, parseBody, parseQuery } from './validation';

/** Users of the `local` authentication source. Passwords go in, never out. */
@Controller(`${ADMIN_BASE}/users`)
@UseGuards(AdminAuthGuard)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly terminator: SessionTerminator,
    private readonly audit: AuditService,
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
    let user: User;
    try {
      user = await this.users.create(input.username, input.password, input.attributes ?? {});
    } catch (err) {
      if (err instanceof InvalidUserError) throw invalid(422, 'The user is not valid', err.errors);
      if (err instanceof UserExistsError) {
        throw new ProblemException(
          problem(409, 'A user with this username already exists', [{ field: 'username', message: 'is taken' }]),
        );
      }
      throw err;
    }
    if (input.disabled) user = (await this.users.update(user.username, { disabled: true })) ?? user;
    const after = userView(user);
    await this.audit.record(actor, { action: 'user.create', targetType: 'user', targetId: user.username, after });
    void reply.header('Location', `${ADMIN_BASE}/users/${encodeURIComponent(user.username)}`);
    return after;
  }

  @Get(':username')
  async get(@Param('username') username: string) {
    return userView(await this.existing(username));
  }

  @Patch(':username')
  async update(@Param('username') username: string, @Body() body: unknown, @Actor() actor: string) {
    const before = userView(await this.existing(username));
    const changes = parseBody(UserPatch, body);
    const user = await this.users.update(username, changes).catch((err: unknown) => {
      throw err instanceof InvalidUserError ? invalid(422, 'The user is not valid', err.errors) : err;
    });
    if (!user) throw notFound('This user');
    if (changes.disabled === true && !before.disabled) {
      await this.terminator.endAllFor(username, `user disabled by ${actor}`);
    }
    const after = userView(user);
    await this.audit.record(actor, { action: 'user.update', targetType: 'user', targetId: username, before, after });
    return after;
  }

  @Put(':username/password')
  @HttpCode(204)
  async setPassword(@Param('username') username: string, @Body() body: unknown, @Actor() actor: string): Promise<void> {
    await this.existing(username);
    const { password } = parseBody(PasswordInput, body);
    if (!(await this.users.setPassword(username, password))) throw notFound('This user');
    await this.audit.record(actor, { action: 'user.set-password', targetType: 'user', targetId: username });
  }

  @Delete(':username')
  @HttpCode(204)
  async delete(@Param('username') username: string, @Actor() actor: string): Promise<void> {
    const before = userView(await this.existing(username));
    if (!(await this.users.delete(username))) throw notFound('This user');
    await this.terminator.endAllFor(username, `user deleted by ${actor}`);
    await this.audit.record(actor, { action: 'user.delete', targetType: 'user', targetId: username, before });
  }

  private async existing(username: string): Promise<User> {
    const user = await this.users.findByUsername(username);
    if (!user) throw notFound('This user');
    return user;
  }
}
