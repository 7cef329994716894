import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { AdminTokensService, CLI_ACTOR } from '../admin/admin-tokens.service';
import { AuditService } from '../admin/audit.service';
import { definitionOf } from '../admin/admin-views';
import { parseDjangoDump } from '../services/django-import';
import { regexProblems, type ServiceDefinition } from '../services/service-definition';
import { ServiceCatalog } from '../services/service-catalog.service';
import { UsageError } from './commands';

type Out = (line: string) => void;

export async function tokensCreate(app: INestApplicationContext, args: string[], out: Out): Promise<void> {
  const name = args[0];
  if (!name || args.length > 1) throw new UsageError('usage: cas tokens:create <name>');
  const { token, summary } = await app.get(AdminTokensService).create(name);
  await app
    .get(AuditService)
    .record(CLI_ACTOR, { action: 'token.create', targetType: 'token', targetId: name, after: summary });
  out(token);
  process.stderr.write(`created admin token ${name}; it is shown only this once\n`);
}

export async function tokensList(app: INestApplicationContext, _args: string[], out: Out): Promise<void> {
  for (const t of await app.get(AdminTokensService).list()) {
    const used = t.lastUsedAt === null ? 'never used' : `last used ${new Date(t.lastUsedAt).toISOString()}`;
    const state = t.revokedAt === null ? 'active' : `revoked ${new Date(t.revokedAt).toISOString()}`;
    out(`${t.name}\tcreated ${new Date(t.createdAt).toISOString()}\t${used}\t${state}`);
  }
}

export async function tokensRevoke(app: INestApplicationContext, args: string[], out: Out): Promise<void> {
  const name = args[0];
  if (!name || args.length > 1) throw new UsageError('usage: cas tokens:revoke <name>');
  const revoked = await app.get(AdminTokensService).revoke(name);
  if (!revoked) throw new UsageError(`there is no active token named ${name}`);
  await app
    .get(AuditService)
    .record(CLI_ACTOR, { action: 'token.revoke', targetType: 'token', targetId: name, after: revoked });
  out(`revoked admin token ${name}`);
}

/** `cas services:import-django dump.json`: django-cas-server's services, with a report. */
export async function servicesImportDjango(app: INestApplicationContext, args: string[], out: Out): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      mode: { type: 'string', default: 'merge' },
      'append-wildcard': { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  const mode = values.mode;
  if (!file || positionals.length > 1 || (mode !== 'merge' && mode !== 'replace')) {
    throw new UsageError(
      'usage: cas services:import-django <dumpdata.json> [--dry-run] [--mode merge|replace] [--append-wildcard]',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const services = parseDjangoDump(data);
  const catalog = app.get(ServiceCatalog);
  const current = new Map((await catalog.list()).map((s) => [s.name, s]));
  const importable: ServiceDefinition[] = [];
  let differing = 0;
  let refused = 0;
  for (const { definition, wholeUrl, refused: problems } of services) {
    if (problems.length > 0) {
      refused++;
      for (const p of problems) out(`not imported: "${definition.name}" ${p.field} ${p.source} ${p.message}`);
      // A service of that name already here stays as it is, even with --mode replace.
      const existing = current.get(definition.name);
      if (existing && regexProblems(existing).length === 0) importable.push(definitionOf(existing));
      continue;
    }
    importable.push(definition);
    if (!wholeUrl) continue;
    differing++;
    out(
      `whole-URL matching: "${definition.name}" pattern ${definition.pattern} no longer matches URLs that only ` +
        `start with it; ${values['append-wildcard'] ? 'changed to' : 'suggested:'} ${wholeUrl.suggestion}`,
    );
    if (values['append-wildcard']) definition.pattern = wholeUrl.suggestion;
  }
  const dryRun = values['dry-run'];
  const plan = await catalog.import(importable, mode, dryRun);
  const summary = {
    created: plan.created.map((d) => d.name),
    updated: plan.updated.map((u) => u.definition.name),
    deleted: plan.deleted.map((s) => s.name),
    unchanged: plan.unchanged,
  };
  if (!dryRun) {
    await app.get(AuditService).record(CLI_ACTOR, {
      action: 'service.import-django',
      targetType: 'service',
      targetId: '*',
      after: { file, mode, ...summary },
    });
  }
  out(
    `${dryRun ? 'dry run: would import' : 'imported'} ${services.length - refused} service(s): ${summary.created.length} created, ` +
      `${summary.updated.length} updated, ${summary.deleted.length} deleted, ${summary.unchanged.length} unchanged; ` +
      `${differing} pattern(s) behave differently under whole-URL matching; ${refused} service(s) not imported ` +
      '(regular expressions the linear-time engine cannot run)',
  );
}
