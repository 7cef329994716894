import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { UserExistsError } from '../auth/users.service';
import { ConfigError, loadConfig } from '../config/cas-config';
import { loadDotEnv } from '../config/load-env';
import { migrateDatabase } from '../database/migrate';
import { TokenNameError } from '../admin/admin-tokens.service';
import { DjangoDumpError } from '../services/django-import';
import { ServiceConflictError, ServiceDefinitionError } from '../services/service-catalog.service';
import { servicesImportDjango, tokensCreate, tokensList, tokensRevoke } from './admin-commands';
import { CliModule } from './cli.module';
import { doctor, formatChecks } from './doctor';
import { UsageError, cleanSessions, cleanTickets, servicesAdd, servicesList, usersCreate, usersList } from './commands';

type Command = (app: INestApplicationContext, args: string[], out: (line: string) => void) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  'users:create': usersCreate,
  'users:list': usersList,
  'services:add': servicesAdd,
  'services:list': servicesList,
  'clean-tickets': cleanTickets,
  'clean-sessions': cleanSessions,
  'services:import-django': servicesImportDjango,
  'tokens:create': tokensCreate,
  'tokens:list': tokensList,
  'tokens:revoke': tokensRevoke,
};

const HELP = `usage: cas <command> [options]

commands:
  migrate                  apply pending database migrations
  doctor                   check settings, database, authentication source and TLS files
  users:create <username>  create a local user (password on stdin) [--attr name=value ...]
  users:list               list local users
  services:add             register a service pattern (cas services:add --help)
  services:list            list service patterns in evaluation order
  clean-tickets            delete expired tickets; log out timed-out service sessions (SLO)
  clean-sessions           end expired SSO sessions, with Single Logout
  services:import-django <file>
                           import a django-cas-server \`manage.py dumpdata cas_server\` file
                           [--dry-run] [--mode merge|replace] [--append-wildcard]
  tokens:create <name>     create an admin API token (printed once)
  tokens:list              list admin API tokens
  tokens:revoke <name>     revoke an admin API token
`;

async function migrate(): Promise<void> {
  const applied = await migrateDatabase(loadConfig(process.env).database);
  process.stdout.write(applied.length ? applied.map((m) => `applied ${m}\n`).join('') : 'the database is up to date\n');
}

async function main(argv: string[]): Promise<number> {
  const fromDotEnv = loadDotEnv();
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  if (name === 'doctor') {
    const checks = await doctor(process.env, fromDotEnv);
    process.stdout.write(formatChecks(checks));
    return checks.some((c) => c.status === 'fail') ? 1 : 0;
  }
  if (name === 'migrate') {
    await migrate();
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command ${name}\n\n${HELP}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
  try {
    await command(app, args, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await app.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (
      err instanceof UsageError ||
      err instanceof ConfigError ||
      err instanceof ServiceDefinitionError ||
      err instanceof ServiceConflictError ||
      err instanceof DjangoDumpError ||
      err instanceof TokenNameError
    ) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof UserExistsError) {
      process.stderr.write(`a user named ${err.message} already exists\n`);
      process.exit(1);
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  },
);
