import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { servicesImportDjango, tokensCreate, tokensList, tokensRevoke } from './admin-commands';
import { command, type Command } from './command';
import { cleanSessions, cleanTickets, servicesAdd, servicesList, servicesRemove, servicesShow } from './commands';
import { sessionsEnd, sessionsList } from './session-commands';
import {
  usersCreate,
  usersDelete,
  usersDisable,
  usersEnable,
  usersList,
  usersSetAttributes,
  usersSetPassword,
  usersShow,
} from './user-commands';

/** Run by main.ts itself, before (or without) the application. */
export const migrateCommand = command({
  name: 'migrate',
  summary: 'apply pending database migrations',
  details: 'The server also applies them at start.',
});
export const doctorCommand = command({
  name: 'doctor',
  summary: 'check settings, database, auth source and TLS files',
  details: 'Exit code 1 when a check fails.',
});

/** Every command, grouped as `cas help` lists them. */
export const COMMAND_GROUPS: Array<{ title: string; commands: Command[] }> = [
  { title: 'server', commands: [migrateCommand, doctorCommand, cleanTickets, cleanSessions] },
  {
    title: 'local users',
    commands: [
      usersCreate,
      usersList,
      usersShow,
      usersSetPassword,
      usersSetAttributes,
      usersDisable,
      usersEnable,
      usersDelete,
    ],
  },
  { title: 'services', commands: [servicesAdd, servicesList, servicesShow, servicesRemove, servicesImportDjango] },
  { title: 'SSO sessions', commands: [sessionsList, sessionsEnd] },
  { title: 'admin API tokens', commands: [tokensCreate, tokensList, tokensRevoke] },
];

export function findCommand(name: string): Command | undefined {
  return COMMAND_GROUPS.flatMap((g) => g.commands).find((c) => c.name === name);
}

export function overview(): string {
  const all = COMMAND_GROUPS.flatMap((g) => g.commands);
  const label = (c: Command) => [c.name, c.args].filter(Boolean).join(' ');
  const width = Math.max(...all.map((c) => label(c).length));
  const lines = ['usage: cas <command> [options]', ''];
  for (const group of COMMAND_GROUPS) {
    lines.push(`${group.title}:`);
    for (const c of group.commands) lines.push(`  ${label(c).padEnd(width)}  ${c.summary}`);
    lines.push('');
  }
  lines.push('cas <command> --help shows the options of a command; cas --version the version.');
  return `${lines.join('\n')}\n`;
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return `${pkg.name} ${pkg.version}`;
}
