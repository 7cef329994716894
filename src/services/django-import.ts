import { DEFAULT_DEFINITION, regexProblems, type FieldProblem, type ServiceDefinition } from './service-definition';

/**
 * Reading a django-cas-server `manage.py dumpdata cas_server` file: its service patterns and
 * their child rows become our service definitions.
 */

export class DjangoDumpError extends Error {}

interface DumpRecord {
  model: string;
  pk: unknown;
  fields: Record<string, unknown>;
}

export interface DjangoService {
  definition: ServiceDefinition;
  /** Set when the pattern matches fewer URLs here than in django-cas-server. */
  wholeUrl: { suggestion: string } | null;
  /**
   * The regular expressions (pattern, rewrites, required values) that the linear-time engine
   * cannot run, e.g. Python back-references or look-arounds; such a service is not imported.
   */
  refused: Array<FieldProblem & { source: string }>;
}

function isRecord(value: unknown): value is DumpRecord {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.model === 'string' && v.fields !== null && typeof v.fields === 'object';
}

/** The top-level alternatives of a pattern (a `|` outside groups and classes splits). */
export function topLevelBranches(pattern: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      branches.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  branches.push(pattern.slice(start));
  return branches;
}

/** Whether a branch ends with an unescaped `$`, `\Z` or `.*`/`.+`: it already reaches the end. */
function reachesEnd(branch: string): boolean {
  const escapedBefore = (at: number) => {
    let n = 0;
    for (let i = at - 1; i >= 0 && branch[i] === '\\'; i--) n++;
    return n % 2 === 1;
  };
  const end = branch.length;
  if (branch.endsWith('$') && !escapedBefore(end - 1)) return true;
  if (branch.endsWith('\\Z') && !escapedBefore(end - 2)) return true;
  if ((branch.endsWith('.*') || branch.endsWith('.+')) && !escapedBefore(end - 2)) return true;
  return false;
}

/**
 * django-cas-server matched a pattern at the start of the URL only (`re.match`); here it must
 * match the whole URL. Null when both behave alike, else a pattern that keeps the old behaviour.
 */
export function wholeUrlDifference(pattern: string): { suggestion: string } | null {
  const branches = topLevelBranches(pattern);
  if (branches.every(reachesEnd)) return null;
  return { suggestion: branches.length > 1 ? `(?:${pattern}).*` : `${pattern}.*` };
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : v == null ? fallback : String(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === 'true';

export function parseDjangoDump(data: unknown): DjangoService[] {
  if (!Array.isArray(data))
    throw new DjangoDumpError('expected the JSON array written by `manage.py dumpdata cas_server`');
  const records = data.filter(isRecord);
  const services = new Map<string, ServiceDefinition>();
  for (const r of records.filter((r) => r.model === 'cas_server.servicepattern')) {
    const f = r.fields;
    const pattern = str(f.pattern);
    if (!pattern) throw new DjangoDumpError(`service pattern ${str(r.pk)} has no pattern`);
    services.set(str(r.pk), {
      ...DEFAULT_DEFINITION,
      name: str(f.name) || `service ${str(r.pk)}`,
      pattern,
      position: typeof f.pos === 'number' ? f.pos : 100,
      userField: str(f.user_field),
      restrictUsers: bool(f.restrict_users),
      proxy: bool(f.proxy),
      proxyCallback: bool(f.proxy_callback),
      singleLogOut: bool(f.single_log_out),
      singleLogOutCallback: str(f.single_log_out_callback),
      frontChannelLogout: false,
      allowedUsers: [],
      releasedAttributes: [],
      attributeRewrites: [],
      requiredAttributes: [],
    });
  }
  const owner = (r: DumpRecord): ServiceDefinition => {
    const service = services.get(str(r.fields.service_pattern));
    if (!service) {
      throw new DjangoDumpError(
        `${r.model} ${str(r.pk)} refers to a missing service pattern ${str(r.fields.service_pattern)}`,
      );
    }
    return service;
  };
  for (const r of records) {
    const f = r.fields;
    switch (r.model) {
      case 'cas_server.username':
        owner(r).allowedUsers.push(str(f.value));
        break;
      case 'cas_server.replaceattributname':
        owner(r).releasedAttributes.push({ name: str(f.name), renameTo: str(f.replace) });
        break;
      case 'cas_server.replaceattributvalue':
        owner(r).attributeRewrites.push({
          attribute: str(f.attribut),
          pattern: str(f.pattern),
          replacement: str(f.replace),
        });
        break;
      case 'cas_server.filterattributvalue':
        owner(r).requiredAttributes.push({ attribute: str(f.attribut), pattern: str(f.pattern) });
        break;
      default:
        break;
    }
  }
  return [...services.values()].map((definition) => ({
    definition,
    wholeUrl: wholeUrlDifference(definition.pattern),
    refused: regexProblems(definition),
  }));
}
