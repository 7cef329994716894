import { Injectable } from '@nestjs/common';
import { parseDjangoDump } from '../services/django-import';
import { ServiceCatalog } from '../services/service-catalog.service';
import { regexProblems, type FieldProblem, type ServiceDefinition } from '../services/service-definition';
import { definitionOf } from './admin-views';
import { ServiceAdmin, type ImportOptions, type ImportSummary } from './service-admin.service';

/** What the import says of one service, in the order of the dump. */
export type DjangoImportNote =
  | { kind: 'refused'; name: string; problems: Array<FieldProblem & { source: string }> }
  | { kind: 'whole-url'; name: string; pattern: string; suggestion: string; applied: boolean };

export interface DjangoImportReport {
  /** Services in the dump, refused ones included. */
  services: number;
  refused: number;
  /** Patterns that match fewer URLs here, where a pattern matches the whole URL. */
  differing: number;
  notes: DjangoImportNote[];
  summary: ImportSummary;
}

export interface DjangoImportOptions extends ImportOptions {
  /** Apply the suggested whole-URL patterns. */
  appendWildcard: boolean;
  /** Where the dump came from, for the audit record. */
  file: string;
}

/**
 * Importing django-cas-server's services (`manage.py dumpdata cas_server`), all or nothing,
 * recorded as `service.import-django`. A service whose regular expressions the linear-time
 * engine cannot run is not imported, and a service of its name already here stays as it is,
 * even in replace mode.
 */
@Injectable()
export class DjangoImportAdmin {
  constructor(
    private readonly catalog: ServiceCatalog,
    private readonly services: ServiceAdmin,
  ) {}

  async import(actor: string, dump: unknown, options: DjangoImportOptions): Promise<DjangoImportReport> {
    const parsed = parseDjangoDump(dump);
    const current = new Map((await this.catalog.list()).map((s) => [s.name, s]));
    const importable: ServiceDefinition[] = [];
    const notes: DjangoImportNote[] = [];
    let refused = 0;
    let differing = 0;
    for (const { definition, wholeUrl, refused: problems } of parsed) {
      if (problems.length > 0) {
        refused++;
        notes.push({ kind: 'refused', name: definition.name, problems });
        const existing = current.get(definition.name);
        if (existing && regexProblems(existing).length === 0) importable.push(definitionOf(existing));
        continue;
      }
      importable.push(definition);
      if (!wholeUrl) continue;
      differing++;
      const { pattern } = definition;
      notes.push({ kind: 'whole-url', name: definition.name, pattern, ...wholeUrl, applied: options.appendWildcard });
      if (options.appendWildcard) definition.pattern = wholeUrl.suggestion;
    }
    const summary = await this.services.import(
      actor,
      importable,
      { mode: options.mode, dryRun: options.dryRun },
      { action: 'service.import-django', context: { file: options.file } },
    );
    return { services: parsed.length, refused, differing, notes, summary };
  }
}
