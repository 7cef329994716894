import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { TemplateFiles, viewsDir } from '../common/template-files';
import type { CasConfig, ParsedSettings } from './settings';
import { checkSetting } from './env-reader';
import { DEFAULT_SQLITE_PATH } from './sections/database';
import { TEMPLATE_SETTINGS } from './sections/templates';
import { loadTlsCredentials } from './sections/tls';

/**
 * The start-up step after parsing: the files and folders the settings name are read or checked
 * here, so that a wrong path stops the server at start (with the setting's name) while parsing
 * stays a pure function of the environment.
 */
export function resolveStartupFiles(settings: ParsedSettings): CasConfig {
  const { database } = settings;
  if (database.type === 'sqlite') checkSetting('DATABASE_URL', () => checkSqliteFolder(database.path));
  const templatesDir = checkSetting('CAS_TEMPLATES_DIR', () => existingFolder(settings.templatesDir));
  const templates = new TemplateFiles(viewsDir(), templatesDir);
  if (templatesDir !== '') checkSetting('CAS_TEMPLATES_DIR', () => templates.check());
  for (const field of Object.keys(TEMPLATE_SETTINGS) as Array<keyof typeof TEMPLATE_SETTINGS>) {
    const { name, fallback } = TEMPLATE_SETTINGS[field];
    // The built-in pages are read by the renderer; an organisation's choice is checked here.
    if (settings[field] !== fallback) checkSetting(name, () => templates.read(settings[field]));
  }
  return {
    ...settings,
    templatesDir,
    tls: loadTlsCredentials(settings.tls),
    staticDir: checkSetting('CAS_STATIC_DIR', () => existingFolder(settings.staticDir)),
  };
}

/** A folder setting made absolute, once checked to be a folder ('' stays ''). */
function existingFolder(raw: string): string {
  if (raw === '') return '';
  const dir = isAbsolute(raw) ? raw : resolve(raw);
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats) throw new Error(`${dir} does not exist`);
  if (!stats.isDirectory()) throw new Error(`${dir} is not a directory`);
  return dir;
}

/**
 * A SQLite file may be created, its folder not: a typo in DATABASE_URL would otherwise put
 * the database in a new tree nobody backs up. The default folder `data/` of a fresh checkout
 * is the exception (created at the first start).
 */
function checkSqliteFolder(path: string): void {
  if (path === ':memory:' || path === DEFAULT_SQLITE_PATH) return;
  const folder = resolve(dirname(path));
  const stats = statSync(folder, { throwIfNoEntry: false });
  if (!stats) throw new Error(`the folder ${folder} does not exist: create it, or fix the path`);
  if (!stats.isDirectory()) throw new Error(`${folder} is not a folder`);
}
