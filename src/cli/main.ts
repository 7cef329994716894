import { NestFactory } from '@nestjs/core';
import { UserExistsError } from '../auth/users.service';
import { InvalidUserError } from '../auth/user-values';
import { ConfigError, loadConfig } from '../config/cas-config';
import { environment, loadDotEnv } from '../config/load-env';
import { migrateDatabase } from '../database/migrate';
import { TokenNameError } from '../admin/token-admin.service';
import { InvalidInputError, NotFoundError } from '../admin/use-case-errors';
import { DjangoDumpError } from '../services/django-import';
import { ServiceConflictError, ServiceDefinitionError } from '../services/service-catalog.service';
import { CliModule } from './cli.module';
import { UsageError, helpText, parseCommandLine, wantsHelp } from './command';
import { doctor, formatChecks } from './doctor';
import { findCommand, overview, version } from './registry';

async function migrate(): Promise<void> {
  const applied = await migrateDatabase(loadConfig(environment()).database);
  process.stdout.write(applied.length ? applied.map((m) => `applied ${m}\n`).join('') : 'the database is up to date\n');
}

async function main(argv: string[]): Promise<number> {
  const fromDotEnv = loadDotEnv();
  const [name, ...args] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && args[0] !== undefined ? findCommand(args[0]) : undefined;
    if (name === 'help' && args[0] !== undefined && !topic) {
      process.stderr.write(`unknown command ${args[0]}\n\n${overview()}`);
      return 2;
    }
    process.stdout.write(topic ? helpText(topic) : overview());
    return name ? 0 : 2;
  }
  const command = findCommand(name);
  if (!command) {
    process.stderr.write(`unknown command ${name}\n\n${overview()}`);
    return 2;
  }
  if (wantsHelp(args)) {
    process.stdout.write(helpText(command));
    return 0;
  }
  const input = parseCommandLine(command, args);
  if (name === 'doctor') {
    const checks = await doctor(environment(), fromDotEnv);
    process.stdout.write(formatChecks(checks));
    return checks.some((c) => c.status === 'fail') ? 1 : 0;
  }
  if (name === 'migrate') {
    await migrate();
    return 0;
  }
  if (!command.run) throw new Error(`${name} has nothing to run`);
  const config = loadConfig(environment());
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
  try {
    await command.run(app, input, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await app.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof InvalidInputError) {
      process.stderr.write(err.errors.map((e) => `${e.field}: ${e.message}\n`).join(''));
      process.exit(2);
    }
    if (
      err instanceof UsageError ||
      err instanceof ConfigError ||
      err instanceof ServiceDefinitionError ||
      err instanceof ServiceConflictError ||
      err instanceof DjangoDumpError ||
      err instanceof TokenNameError ||
      err instanceof InvalidUserError
    ) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof UserExistsError) {
      process.stderr.write(`a user named ${err.message} already exists\n`);
      process.exit(1);
    }
    if (err instanceof NotFoundError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  },
);
