import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { CLI_ACTOR } from '../admin/admin-tokens.service';
import { AuditService } from '../admin/audit.service';
import { UsersService } from '../auth/users.service';
import type { Attributes } from '../config/env-parsers';
import { CleanupService } from '../scheduling/cleanup.service';
import { ServiceCatalog, type ServiceDefinition } from '../services/service-catalog.service';
import { readPassword } from './read-password';

export class UsageError extends Error {}

type Out = (line: string) => void;

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

export async function usersCreate(app: INestApplicationContext, args: string[], out: Out): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { attr: { type: 'string', multiple: true }, 'attributes-json': { type: 'string' } },
  });
  const username = positionals[0];
  if (!username) throw new UsageError('usage: cas users:create <username> [--attr name=value ...] (password on stdin)');
  let attributes = parseAttributePairs(values.attr ?? []);
  if (values['attributes-json']) {
    const parsed = JSON.parse(values['attributes-json']) as Attributes;
    attributes = { ...parsed, ...attributes };
  }
  const password = await readPassword(`Password for ${username}: `);
  if (password.length === 0) throw new UsageError('the password must not be empty');
  const user = await app.get(UsersService).create(username, password, attributes);
  await app.get(AuditService).record(CLI_ACTOR, {
    action: 'user.create',
    targetType: 'user',
    targetId: username,
    after: { username, attributes: user.attributes, disabled: user.disabled },
  });
  out(`created user ${username}`);
}

export async function usersList(app: INestApplicationContext, _args: string[], out: Out): Promise<void> {
  for (const user of await app.get(UsersService).list()) {
    out(`${user.username}${user.disabled ? ' (disabled)' : ''}\t${JSON.stringify(user.attributes)}`);
  }
}

function splitPair(value: string, separator: string, option: string): [string, string] {
  const at = value.indexOf(separator);
  if (at <= 0) throw new UsageError(`${option} expects name${separator}value, got "${value}"`);
  return [value.slice(0, at), value.slice(at + separator.length)];
}

export async function servicesAdd(app: INestApplicationContext, args: string[], out: Out): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      pattern: { type: 'string' },
      position: { type: 'string', default: '100' },
      'user-field': { type: 'string', default: '' },
      'allow-user': { type: 'string', multiple: true },
      proxy: { type: 'boolean', default: false },
      'proxy-callback': { type: 'boolean', default: false },
      'single-log-out': { type: 'boolean', default: false },
      'single-log-out-callback': { type: 'string', default: '' },
      'front-channel-logout': { type: 'boolean', default: false },
      release: { type: 'string', multiple: true },
      rewrite: { type: 'string', multiple: true },
      require: { type: 'string', multiple: true },
    },
  });
  if (!values.name || !values.pattern) {
    throw new UsageError(
      'usage: cas services:add --name NAME --pattern REGEX [--position N] [--user-field ATTR] ' +
        '[--allow-user U ...] [--proxy] [--proxy-callback] [--single-log-out] [--single-log-out-callback URL] [--front-channel-logout] ' +
        '[--release ATTR[=NEWNAME] ...] [--rewrite ATTR=PATTERN=>REPLACEMENT ...] [--require ATTR=PATTERN ...]',
    );
  }
  const position = Number(values.position);
  if (!Number.isInteger(position)) throw new UsageError('--position expects a whole number');
  const allowed = values['allow-user'] ?? [];
  const definition: ServiceDefinition = {
    name: values.name,
    pattern: values.pattern,
    position,
    userField: values['user-field'],
    restrictUsers: allowed.length > 0,
    allowedUsers: allowed,
    proxy: values.proxy,
    proxyCallback: values['proxy-callback'],
    singleLogOut: values['single-log-out'],
    singleLogOutCallback: values['single-log-out-callback'],
    frontChannelLogout: values['front-channel-logout'],
    releasedAttributes: (values.release ?? []).map((r) => {
      const [name, renameTo] = r.includes('=') ? splitPair(r, '=', '--release') : [r, ''];
      return { name, renameTo };
    }),
    attributeRewrites: (values.rewrite ?? []).map((w) => {
      const [attribute, rest] = splitPair(w, '=', '--rewrite');
      const [pattern, replacement] = splitPair(rest, '=>', '--rewrite');
      return { attribute, pattern, replacement };
    }),
    requiredAttributes: (values.require ?? []).map((r) => {
      const [attribute, pattern] = splitPair(r, '=', '--require');
      return { attribute, pattern };
    }),
  };
  const created = await app.get(ServiceCatalog).create(definition);
  await app.get(AuditService).record(CLI_ACTOR, {
    action: 'service.create',
    targetType: 'service',
    targetId: created.id,
    after: created,
  });
  out(`created service ${created.name} (id ${created.id}, position ${created.position})`);
  if (created.releasedAttributes.length === 0) {
    out('note: this service receives no attributes; add --release ATTR (or --release "*") to send some');
  }
}

export async function servicesList(app: INestApplicationContext, _args: string[], out: Out): Promise<void> {
  for (const s of await app.get(ServiceCatalog).list()) {
    const released = s.releasedAttributes.map((a) => (a.renameTo ? `${a.name}=${a.renameTo}` : a.name)).join(',');
    out(`${s.position}\t${s.id}\t${s.name}\t${s.pattern}\treleases: ${released || '(none)'}`);
  }
}

export async function cleanTickets(app: INestApplicationContext, _args: string[], out: Out): Promise<void> {
  const r = await app.get(CleanupService).cleanTickets();
  out(
    `deleted ${r.ticketsDeleted} tickets, ${r.loginTicketsDeleted} login tickets and ` +
      `${r.throttleCountersDeleted} failed-login counters; ` +
      `${r.timedOut} timed-out service sessions logged out (SLO sent ${r.sloSent}, failed ${r.sloFailed})`,
  );
}

export async function cleanSessions(app: INestApplicationContext, _args: string[], out: Out): Promise<void> {
  const r = await app.get(CleanupService).cleanSessions();
  out(`ended ${r.sessionsEnded} expired sessions (SLO sent ${r.sloSent}, failed ${r.sloFailed})`);
}
