import { CLI_ACTOR } from '../admin/admin-tokens.service';
import { userView } from '../admin/admin-views';
import type { SessionsEnded } from '../admin/session-ending';
import { UserAdmin } from '../admin/user-admin.service';
import { UsersService } from '../auth/users.service';
import type { Attributes } from '../common/attributes';
import { command, UsageError } from './command';
import { readPassword } from './read-password';

/** `key=value` pairs; a key given several times becomes a list. */
export function parseAttributePairs(pairs: string[]): Attributes {
  const out: Attributes = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--attr expects name=value, got "${pair}"`);
    const name = pair.slice(0, at);
    const value = pair.slice(at + 1);
    const existing = out[name];
    out[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return out;
}

/** `--attributes-json` first, then `--attr` pairs on top; the use case checks the result. */
function attributesFrom(values: { attr: string[]; 'attributes-json'?: string }): Attributes {
  let base: unknown = {};
  if (values['attributes-json'] !== undefined) {
    try {
      base = JSON.parse(values['attributes-json']) as unknown;
    } catch (err) {
      throw new UsageError(`--attributes-json is not JSON: ${(err as Error).message}`);
    }
    // Spreading a string or a list would turn it into attributes named 0, 1, 2...
    if (base === null || typeof base !== 'object' || Array.isArray(base)) {
      throw new UsageError('--attributes-json must be a JSON object, e.g. {"groups":["a","b"]}');
    }
  }
  return { ...(base as Attributes), ...parseAttributePairs(values.attr) };
}

const ATTRIBUTE_OPTIONS = {
  attr: {
    type: 'string',
    multiple: true,
    value: 'NAME=VALUE',
    help: 'an attribute; give a name several times for a multi-valued attribute',
  },
  'attributes-json': { type: 'string', value: 'JSON', help: 'attributes as a JSON object, e.g. {"groups":["a","b"]}' },
} as const;

export function describeEnded(s: SessionsEnded): string {
  if (s.ended === 0) return 'no SSO session to end';
  const failed = s.sloFailed > 0 ? `, ${s.sloFailed} failed` : '';
  return `ended ${s.ended} SSO session(s), logout sent to ${s.sloSent} application(s)${failed}`;
}

async function newPassword(username: string): Promise<string> {
  return readPassword(`Password for ${username}: `);
}

export const usersCreate = command({
  name: 'users:create',
  args: '<username>',
  summary: 'create a local user (password on standard input)',
  details:
    'The password is never taken from the command line (shell history, ps). Pipe it\n' +
    '(first line of stdin) or type it at the prompt (not echoed). It must be 1 to 72\n' +
    'bytes in UTF-8: bcrypt ignores anything longer.',
  options: {
    ...ATTRIBUTE_OPTIONS,
    disabled: { type: 'boolean', help: 'create the account disabled (it cannot log in until enabled)' },
  },
  async run(app, { values, positionals }, out) {
    const [username] = positionals;
    const attributes = attributesFrom(values);
    const password = await newPassword(username);
    await app.get(UserAdmin).create(CLI_ACTOR, { username, password, attributes, disabled: values.disabled });
    out(`created user ${username}`);
  },
});

export const usersList = command({
  name: 'users:list',
  summary: 'list local users and their attributes',
  async run(app, _input, out) {
    for (const user of await app.get(UsersService).list()) {
      out(`${user.username}${user.disabled ? ' (disabled)' : ''}\t${JSON.stringify(user.attributes)}`);
    }
  },
});

export const usersShow = command({
  name: 'users:show',
  args: '<username>',
  summary: 'show a local user as JSON (never the password)',
  async run(app, { positionals }, out) {
    out(JSON.stringify(userView(await app.get(UserAdmin).get(positionals[0])), null, 2));
  },
});

export const usersSetPassword = command({
  name: 'users:set-password',
  args: '<username>',
  summary: 'set a password (on stdin); ends the user’s SSO sessions',
  details:
    'The password is read like users:create reads it and obeys the same rule (1 to 72 bytes).\n' +
    'Every SSO session of the user ends, and the applications are told (Single Logout).',
  async run(app, { positionals }, out) {
    const [username] = positionals;
    const admin = app.get(UserAdmin);
    await admin.get(username);
    const ended = await admin.setPassword(CLI_ACTOR, username, await newPassword(username));
    out(`changed the password of ${username}; ${describeEnded(ended)}`);
  },
});

export const usersSetAttributes = command({
  name: 'users:set-attributes',
  args: '<username>',
  summary: 'replace a local user’s attributes',
  details: 'The attributes given replace all the current ones; give none to remove them all.',
  options: ATTRIBUTE_OPTIONS,
  async run(app, { values, positionals }, out) {
    const [username] = positionals;
    const { user } = await app.get(UserAdmin).update(CLI_ACTOR, username, { attributes: attributesFrom(values) });
    out(`attributes of ${username}: ${JSON.stringify(user.attributes)}`);
  },
});

export const usersDisable = command({
  name: 'users:disable',
  args: '<username>',
  summary: 'disable a user: no login; ends their SSO sessions',
  details: 'Every SSO session of the user ends, and the applications are told (Single Logout).',
  async run(app, { positionals }, out) {
    const [username] = positionals;
    const { sessions } = await app.get(UserAdmin).update(CLI_ACTOR, username, { disabled: true });
    out(`disabled user ${username}; ${describeEnded(sessions)}`);
  },
});

export const usersEnable = command({
  name: 'users:enable',
  args: '<username>',
  summary: 'enable a disabled user again',
  async run(app, { positionals }, out) {
    const [username] = positionals;
    await app.get(UserAdmin).update(CLI_ACTOR, username, { disabled: false });
    out(`enabled user ${username}`);
  },
});

export const usersDelete = command({
  name: 'users:delete',
  args: '<username>',
  summary: 'delete a local user; ends their SSO sessions',
  details: 'Every SSO session of the user ends, and the applications are told (Single Logout).',
  async run(app, { positionals }, out) {
    const [username] = positionals;
    const ended = await app.get(UserAdmin).delete(CLI_ACTOR, username);
    out(`deleted user ${username}; ${describeEnded(ended)}`);
  },
});
