import { CLI_ACTOR } from '../admin/admin-tokens.service';
import { SessionAdmin } from '../admin/session-admin.service';
import { SessionService } from '../sessions/session.service';
import { command, UsageError } from './command';
import { describeEnded } from './user-commands';

/** More than a screenful is a job for the admin API's pages. */
const LIST_LIMIT = 1000;

export const sessionsList = command({
  name: 'sessions:list',
  summary: 'list SSO sessions, newest first',
  details: 'One line each: id, user, authentication source, started, last seen.',
  options: { user: { type: 'string', value: 'USERNAME', help: 'only the sessions of this user' } },
  async run(app, { values }, out) {
    const { items, total } = await app.get(SessionService).page(values.user, 0, LIST_LIMIT);
    for (const s of items) {
      const times = `${new Date(s.createdAt).toISOString()}\t${new Date(s.lastSeenAt).toISOString()}`;
      out(`${s.id}\t${s.username}\t${s.authSource}\t${times}`);
    }
    if (total > items.length) out(`(${total - items.length} more; use the admin API to page through them)`);
  },
});

export const sessionsEnd = command({
  name: 'sessions:end',
  args: '[session-id]',
  summary: 'end a session, or all of a user’s, with Single Logout',
  details: 'Give a session id (see sessions:list) or --user USERNAME, not both.',
  options: { user: { type: 'string', value: 'USERNAME', help: 'end every session of this user' } },
  async run(app, { values, positionals }, out) {
    const [id] = positionals;
    if ((id === undefined) === (values.user === undefined)) {
      throw new UsageError(
        'give a session id or --user USERNAME (one of them)\nusage: cas sessions:end [session-id] [options]',
      );
    }
    const admin = app.get(SessionAdmin);
    const ended =
      values.user === undefined ? await admin.end(CLI_ACTOR, id) : await admin.endAllFor(CLI_ACTOR, values.user);
    out(describeEnded(ended));
  },
});
