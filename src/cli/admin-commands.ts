import { readFileSync } from 'node:fs';
import { CLI_ACTOR } from '../admin/admin-tokens.service';
import { DjangoImportAdmin, type DjangoImportNote } from '../admin/django-import-admin.service';
import { TokenAdmin } from '../admin/token-admin.service';
import { command, UsageError } from './command';

export const tokensCreate = command({
  name: 'tokens:create',
  args: '<name>',
  summary: 'create an admin API token (printed once)',
  details: 'The token is printed on standard output, once; only its hash is stored.',
  async run(app, { positionals }, out) {
    const [name] = positionals;
    const { token } = await app.get(TokenAdmin).create(CLI_ACTOR, name);
    out(token);
    process.stderr.write(`created admin token ${name}; it is shown only this once\n`);
  },
});

export const tokensList = command({
  name: 'tokens:list',
  summary: 'list admin API tokens',
  details: 'One line each: name, created, last used, state.',
  async run(app, _input, out) {
    for (const t of await app.get(TokenAdmin).list()) {
      const used = t.lastUsedAt === null ? 'never used' : `last used ${new Date(t.lastUsedAt).toISOString()}`;
      const state = t.revokedAt === null ? 'active' : `revoked ${new Date(t.revokedAt).toISOString()}`;
      out(`${t.name}\tcreated ${new Date(t.createdAt).toISOString()}\t${used}\t${state}`);
    }
  },
});

export const tokensRevoke = command({
  name: 'tokens:revoke',
  args: '<name>',
  summary: 'revoke an admin API token',
  async run(app, { positionals }, out) {
    const [name] = positionals;
    const revoked = await app.get(TokenAdmin).revoke(CLI_ACTOR, name);
    if (!revoked) throw new UsageError(`there is no active token named ${name}`);
    out(`revoked admin token ${name}`);
  },
});

/** `cas services:import-django dump.json`: django-cas-server's services, with a report. */
export const servicesImportDjango = command({
  name: 'services:import-django',
  args: '<dumpdata.json>',
  summary: 'import services from django-cas-server’s dumpdata',
  details:
    'The file is the output of `python manage.py dumpdata cas_server`. All or nothing. Lists\n' +
    'each pattern that only matched the start of URLs in django-cas-server (here a pattern\n' +
    'matches the whole URL), with a suggested pattern.',
  options: {
    'dry-run': { type: 'boolean', help: 'check everything and report, change nothing' },
    mode: {
      type: 'string',
      default: 'merge',
      value: 'merge|replace',
      help: 'replace also deletes services not in the file',
    },
    'append-wildcard': { type: 'boolean', help: 'apply the suggested whole-URL patterns' },
  },
  async run(app, { values, positionals }, out) {
    const file = positionals[0];
    const mode = values.mode;
    if (mode !== 'merge' && mode !== 'replace') {
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
    const dryRun = values['dry-run'];
    const report = await app
      .get(DjangoImportAdmin)
      .import(CLI_ACTOR, data, { mode, dryRun, appendWildcard: values['append-wildcard'], file });
    for (const note of report.notes) for (const line of noteLines(note)) out(line);
    const { summary } = report;
    out(
      `${dryRun ? 'dry run: would import' : 'imported'} ${report.services - report.refused} service(s): ${summary.created.length} created, ` +
        `${summary.updated.length} updated, ${summary.deleted.length} deleted, ${summary.unchanged.length} unchanged; ` +
        `${report.differing} pattern(s) behave differently under whole-URL matching; ${report.refused} service(s) not imported ` +
        '(regular expressions the linear-time engine cannot run)',
    );
  },
});

function noteLines(note: DjangoImportNote): string[] {
  if (note.kind === 'refused') {
    return note.problems.map((p) => `not imported: "${note.name}" ${p.field} ${p.source} ${p.message}`);
  }
  return [
    `whole-URL matching: "${note.name}" pattern ${note.pattern} no longer matches URLs that only ` +
      `start with it; ${note.applied ? 'changed to' : 'suggested:'} ${note.suggestion}`,
  ];
}
