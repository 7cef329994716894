import { CLI_ACTOR } from '../admin/admin-tokens.service';
import { serviceView } from '../admin/admin-views';
import { ServiceAdmin } from '../admin/service-admin.service';
import { CleanupService } from '../scheduling/cleanup.service';
import { ServiceCatalog, type ServiceDefinition } from '../services/service-catalog.service';
import { command, UsageError } from './command';

function splitPair(value: string, separator: string, option: string): [string, string] {
  const at = value.indexOf(separator);
  if (at <= 0) throw new UsageError(`${option} expects name${separator}value, got "${value}"`);
  return [value.slice(0, at), value.slice(at + separator.length)];
}

export const servicesAdd = command({
  name: 'services:add',
  summary: 'register a service pattern',
  details:
    'The pattern is a regular expression that must match the WHOLE service URL (as if ^...$);\n' +
    'Python’s (?P<name>...) is accepted. A service receives NO attributes unless listed with --release.',
  options: {
    name: { type: 'string', required: true, value: 'NAME', help: 'unique name, shown to users' },
    pattern: { type: 'string', required: true, value: 'REGEX', help: 'regular expression matching the whole URL' },
    position: { type: 'string', default: '100', value: 'N', help: 'evaluation order, ascending; first match wins' },
    'user-field': { type: 'string', default: '', value: 'ATTR', help: 'attribute sent as the username' },
    'allow-user': {
      type: 'string',
      multiple: true,
      value: 'NAME',
      help: 'only these users may use the service',
    },
    proxy: { type: 'boolean', help: 'proxy tickets may be issued for this service' },
    'proxy-callback': { type: 'boolean', help: 'URLs matching the pattern may receive a PGT as pgtUrl' },
    'single-log-out': { type: 'boolean', help: 'tell the service when its SSO session ends' },
    'single-log-out-callback': {
      type: 'string',
      default: '',
      value: 'URL',
      help: 'where the logout request goes instead of the service URL',
    },
    'front-channel-logout': { type: 'boolean', help: 'Single Logout through the browser instead of server to server' },
    release: {
      type: 'string',
      multiple: true,
      value: 'ATTR[=NEWNAME]',
      help: 'an attribute sent to the service (optionally renamed); "*" sends all',
    },
    rewrite: {
      type: 'string',
      multiple: true,
      value: 'ATTR=REGEX=>REPL',
      help: 'replace every match in every value of ATTR (\\1, \\g<name>)',
    },
    require: {
      type: 'string',
      multiple: true,
      value: 'ATTR=REGEX',
      help: 'one value of ATTR must match from its start',
    },
  },
  async run(app, { values }, out) {
    const position = Number(values.position);
    if (!Number.isInteger(position)) throw new UsageError('--position expects a whole number');
    const allowed = values['allow-user'];
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
      releasedAttributes: values.release.map((r) => {
        const [name, renameTo] = r.includes('=') ? splitPair(r, '=', '--release') : [r, ''];
        return { name, renameTo };
      }),
      attributeRewrites: values.rewrite.map((w) => {
        const [attribute, rest] = splitPair(w, '=', '--rewrite');
        const [pattern, replacement] = splitPair(rest, '=>', '--rewrite');
        return { attribute, pattern, replacement };
      }),
      requiredAttributes: values.require.map((r) => {
        const [attribute, pattern] = splitPair(r, '=', '--require');
        return { attribute, pattern };
      }),
    };
    const created = await app.get(ServiceAdmin).create(CLI_ACTOR, definition);
    out(`created service ${created.name} (id ${created.id}, position ${created.position})`);
    if (created.releasedAttributes.length === 0) {
      out('note: this service receives no attributes; add --release ATTR (or --release "*") to send some');
    }
  },
});

export const servicesList = command({
  name: 'services:list',
  summary: 'list services in evaluation order',
  details: 'One line each: position, id, name, pattern, released attributes.',
  async run(app, _input, out) {
    for (const s of await app.get(ServiceCatalog).list()) {
      const released = s.releasedAttributes.map((a) => (a.renameTo ? `${a.name}=${a.renameTo}` : a.name)).join(',');
      out(`${s.position}\t${s.id}\t${s.name}\t${s.pattern}\treleases: ${released || '(none)'}`);
    }
  },
});

export const servicesShow = command({
  name: 'services:show',
  args: '<id-or-name>',
  summary: 'show a service and all its settings as JSON',
  details: 'An argument of digits is an id (see services:list), anything else a name.',
  async run(app, { positionals }, out) {
    out(JSON.stringify(serviceView(await app.get(ServiceAdmin).find(positionals[0])), null, 2));
  },
});

export const servicesRemove = command({
  name: 'services:remove',
  args: '<id-or-name>',
  summary: 'delete a service (URLs it matched get no tickets)',
  details: 'An argument of digits is an id (see services:list), anything else a name.',
  async run(app, { positionals }, out) {
    const admin = app.get(ServiceAdmin);
    const removed = await admin.delete(CLI_ACTOR, (await admin.find(positionals[0])).id);
    out(`removed service ${removed.name} (id ${removed.id})`);
  },
});

export const cleanTickets = command({
  name: 'clean-tickets',
  summary: 'delete expired tickets; log out timed-out service sessions',
  async run(app, _input, out) {
    const r = await app.get(CleanupService).cleanTickets();
    out(
      `deleted ${r.ticketsDeleted} tickets, ${r.loginTicketsDeleted} login tickets and ` +
        `${r.throttleCountersDeleted} failed-login counters; ` +
        `${r.timedOut} timed-out service sessions logged out (SLO sent ${r.sloSent}, failed ${r.sloFailed})`,
    );
  },
});

export const cleanSessions = command({
  name: 'clean-sessions',
  summary: 'end expired SSO sessions, with Single Logout',
  async run(app, _input, out) {
    const r = await app.get(CleanupService).cleanSessions();
    out(`ended ${r.sessionsEnded} expired sessions (SLO sent ${r.sloSent}, failed ${r.sloFailed})`);
  },
});
