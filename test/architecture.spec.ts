import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Keeps docs/architecture.md true: its module map against src/ and .dependency-cruiser.cjs, its file names against disk. */

const root = join(__dirname, '..');
const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');

type Layer = 'entry point' | 'domain' | 'infrastructure';

type Patterns = string | string[] | undefined;

interface Rule {
  name: string;
  from: { path?: Patterns; pathNot?: Patterns };
  to: { path?: Patterns; pathNot?: Patterns };
}

const rules: Rule[] = (createRequire(__filename)(join(root, '.dependency-cruiser.cjs')) as { forbidden: Rule[] })
  .forbidden;

function rule(name: string): Rule {
  const found = rules.find((r) => r.name === name);
  if (!found) throw new Error(`.dependency-cruiser.cjs has no rule ${name}`);
  return found;
}

function anyOf(patterns: Patterns, path: string): boolean {
  return [patterns ?? []].flat().some((pattern) => new RegExp(pattern).test(path));
}

function matches(end: { path?: Patterns; pathNot?: Patterns }, path: string): boolean {
  return anyOf(end.path, path) && !anyOf(end.pathNot, path);
}

/** The layers the rule file puts a file in (one, if the file is consistent). */
function layersOf(path: string): Layer[] {
  const layers: Layer[] = [];
  if (matches(rule('domain-not-to-entry').to, path)) layers.push('entry point');
  if (matches(rule('domain-not-to-entry').from, path)) layers.push('domain');
  if (matches(rule('infrastructure-not-to-domain').from, path)) layers.push('infrastructure');
  return layers;
}

/** The body of a "## " section of the document. */
function section(title: string): string {
  const found = doc.split(/^## /m).find((s) => s.startsWith(title));
  if (!found) throw new Error(`docs/architecture.md has no "## ${title}" section`);
  return found;
}

/** The cells of each table row of a text, separator rows left out. */
function rows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));
}

/** The text of a cell's first code span. */
const firstCode = (cell: string | undefined): string | undefined => /`([^`]+)`/.exec(cell ?? '')?.[1];

/** The rows of the "Module map" table: folder and the layer its row names first. */
function moduleMap(): Map<string, string> {
  const map = new Map<string, string>();
  for (const cells of rows(section('Module map'))) {
    const folder = /^`([a-z0-9-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (folder) map.set(folder, cells[2]);
  }
  return map;
}

/** Source files under src/ (specs left out) whose name ends with `suffix`. */
function sourceFiles(suffix: string): string[] {
  return readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix) && !file.endsWith('.spec.ts'))
    .map((file) => `src/${file.split('\\').join('/')}`);
}

const srcFolders = readdirSync(join(root, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('docs/architecture.md', () => {
  const map = moduleMap();

  it('names every folder under src/ in its module map, and no folder that is gone', () => {
    expect([...map.keys()].sort()).toEqual([...srcFolders].sort());
  });

  it.each([...map.entries()])('puts src/%s/ in the layer .dependency-cruiser.cjs gives it (%s)', (folder, layer) => {
    expect(layersOf(`src/${folder}/any-file.ts`)).toEqual([layer]);
  });

  it('has the /metrics endpoint as an entry point, the counters as infrastructure', () => {
    expect(layersOf('src/metrics-http/metrics.controller.ts')).toEqual(['entry point']);
    expect(layersOf('src/metrics/metrics.service.ts')).toEqual(['infrastructure']);
  });

  it('lists the rules of .dependency-cruiser.cjs by their names, each once, in their order', () => {
    const listed = rows(section('Allowed and forbidden imports'))
      .map((cells) => /^`([a-z-]+)`$/.exec(cells[1] ?? '')?.[1])
      .filter((name) => name !== undefined);
    expect(listed).toEqual(rules.map((r) => r.name));
  });

  it('names every repository class file and every error filter', () => {
    const files = [...sourceFiles('.repository.ts'), ...sourceFiles('.filter.ts')];
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((file) => !doc.includes(`\`${file}\``))).toEqual([]);
  });

  it('has each walk row run a function or class its file holds', () => {
    const walkRows = rows(section('Request walks')).filter((cells) => /^`src\//.test(cells[1] ?? ''));
    expect(walkRows.length).toBeGreaterThan(30);
    const missing = walkRows.flatMap((cells) => {
      const file = firstCode(cells[1]) ?? '';
      const runs = firstCode(cells[2]) ?? '';
      const text = existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : '';
      const names = runs.split('.');
      return names.every((name) => new RegExp(`\\b${name}\\b`).test(text)) && runs !== '' ? [] : [`${file}: ${runs}`];
    });
    expect(missing).toEqual([]);
  });

  it('has no marker of work in progress left', () => {
    expect(doc).not.toMatch(/_changing|in flux|known-violations/i);
  });

  it('names only files that exist', () => {
    const named = [...doc.matchAll(/`((?:src|test|views)\/[^`*…]+\.(?:ts|hbs))`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
