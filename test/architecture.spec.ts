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

/** The rows of the "Module map" table: folder and the layer its row names first. */
function moduleMap(): Map<string, string> {
  const section = doc.split(/^## /m).find((s) => s.startsWith('Module map'));
  if (!section) throw new Error('docs/architecture.md has no "## Module map" section');
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const folder = /^`([a-z0-9-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (folder) rows.set(folder, cells[2]);
  }
  return rows;
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

  it('has the /metrics files as entry points, the rest of src/metrics/ as infrastructure', () => {
    expect(layersOf('src/metrics/metrics.controller.ts')).toEqual(['entry point']);
    expect(layersOf('src/metrics/metrics-http.module.ts')).toEqual(['entry point']);
    expect(layersOf('src/metrics/metrics.service.ts')).toEqual(['infrastructure']);
  });

  it('lists each rule of .dependency-cruiser.cjs by its name', () => {
    for (const { name } of rules) expect(doc).toContain(`\`${name}\``);
  });

  it('names only files that exist', () => {
    const named = [...doc.matchAll(/`((?:src|test|views)\/[^`*…]+\.(?:ts|hbs))`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
