import { Injectable } from '@nestjs/common';
import type { User } from '../auth/user.entity';
import { passwordProblem, usernameProblem } from '../auth/user-rules';
import { UsersService } from '../auth/users.service';
import type { Attributes } from '../common/attributes';
import { SessionTerminator } from '../sessions/session-terminator.service';
import { AttributesSchema } from './admin-schemas';
import { userView } from './admin-views';
import { AuditService } from './audit.service';
import { NO_SESSIONS_ENDED, summarise, type SessionsEnded } from './session-ending';
import { InvalidInputError, NotFoundError, problemAt } from './use-case-errors';
import { fieldErrors } from './validation';

export interface NewUser {
  username: string;
  password: string;
  attributes?: Attributes;
  disabled?: boolean;
}

export interface UserChanges {
  attributes?: Attributes;
  disabled?: boolean;
}

/** Attributes as the admin API accepts them, checked here so the CLI obeys the same rule. */
function attributeProblems(attributes: unknown) {
  if (attributes === undefined) return [];
  const result = AttributesSchema.safeParse(attributes);
  if (result.success) return [];
  return fieldErrors(result.error).map((e) => ({
    field: e.field === '(body)' ? 'attributes' : `attributes.${e.field}`,
    message: e.message,
  }));
}

/**
 * The administration of local users, one method per operation, called alike by the admin API
 * and the CLI: the rules (name, password, attributes), the audit record, and the rule that a
 * user who is disabled, deleted or given a new password loses every SSO session, with Single
 * Logout, so nobody stays logged in on the strength of an access that was taken away.
 */
@Injectable()
export class UserAdmin {
  constructor(
    private readonly users: UsersService,
    private readonly terminator: SessionTerminator,
    private readonly audit: AuditService,
  ) {}

  async get(username: string): Promise<User> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundError('user', username);
    return user;
  }

  async create(actor: string, input: NewUser): Promise<User> {
    const errors = [
      ...problemAt('username', usernameProblem(input.username)),
      ...problemAt('password', passwordProblem(input.password)),
      ...attributeProblems(input.attributes),
    ];
    if (errors.length > 0) throw new InvalidInputError(errors);
    let user = await this.users.create(input.username, input.password, input.attributes ?? {});
    if (input.disabled) user = (await this.users.update(user.username, { disabled: true })) ?? user;
    await this.audit.record(actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: user.username,
      after: userView(user),
    });
    return user;
  }

  /** Disabling a user who was enabled ends their sessions. */
  async update(
    actor: string,
    username: string,
    changes: UserChanges,
  ): Promise<{ user: User; sessions: SessionsEnded }> {
    const errors = attributeProblems(changes.attributes);
    if (errors.length > 0) throw new InvalidInputError(errors);
    const before = await this.get(username);
    const user = await this.users.update(username, changes);
    if (!user) throw new NotFoundError('user', username);
    const sessions =
      changes.disabled === true && !before.disabled
        ? await this.endSessions(username, `user disabled by ${actor}`)
        : NO_SESSIONS_ENDED;
    await this.audit.record(actor, {
      action: 'user.update',
      targetType: 'user',
      targetId: username,
      before: userView(before),
      after: userView(user),
    });
    return { user, sessions };
  }

  /** Ends the user's sessions: whoever knew the old password must not stay logged in. */
  async setPassword(actor: string, username: string, password: string): Promise<SessionsEnded> {
    await this.get(username);
    const errors = problemAt('password', passwordProblem(password));
    if (errors.length > 0) throw new InvalidInputError(errors);
    if (!(await this.users.setPassword(username, password))) throw new NotFoundError('user', username);
    const sessions = await this.endSessions(username, `password changed by ${actor}`);
    await this.audit.record(actor, {
      action: 'user.set-password',
      targetType: 'user',
      targetId: username,
      after: { sessionsEnded: sessions.ended },
    });
    return sessions;
  }

  async delete(actor: string, username: string): Promise<SessionsEnded> {
    const before = await this.get(username);
    if (!(await this.users.delete(username))) throw new NotFoundError('user', username);
    const sessions = await this.endSessions(username, `user deleted by ${actor}`);
    await this.audit.record(actor, {
      action: 'user.delete',
      targetType: 'user',
      targetId: username,
      before: userView(before),
    });
    return sessions;
  }

  private async endSessions(username: string, reason: string): Promise<SessionsEnded> {
    return summarise(await this.terminator.endAllFor(username, reason));
  }
}
