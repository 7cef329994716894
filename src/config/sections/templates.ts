import type { Reader } from '../env-reader';
import { parseFolder } from './pages';

/** The pages' templates: names looked up in CAS_TEMPLATES_DIR then views/, or absolute paths. */
export interface TemplatesSection {
  loginTemplate: string;
  warnTemplate: string;
  loggedTemplate: string;
  logoutTemplate: string;
  /** A folder whose pages and partials/ replace the built-in ones of views/ by name ('' = none). */
  templatesDir: string;
}

/** Each template setting with its default (the built-in page of that name). */
export const TEMPLATE_SETTINGS = {
  loginTemplate: { name: 'CAS_LOGIN_TEMPLATE', fallback: 'login' },
  warnTemplate: { name: 'CAS_WARN_TEMPLATE', fallback: 'warn' },
  loggedTemplate: { name: 'CAS_LOGGED_TEMPLATE', fallback: 'logged' },
  logoutTemplate: { name: 'CAS_LOGOUT_TEMPLATE', fallback: 'logout' },
} as const satisfies Record<string, { name: string; fallback: string }>;

export function readTemplatesSection(r: Reader): TemplatesSection {
  const templatesDir = r.read('CAS_TEMPLATES_DIR', '', parseFolder);
  const t = TEMPLATE_SETTINGS;
  return {
    loginTemplate: r.str(t.loginTemplate.name, t.loginTemplate.fallback),
    warnTemplate: r.str(t.warnTemplate.name, t.warnTemplate.fallback),
    loggedTemplate: r.str(t.loggedTemplate.name, t.loggedTemplate.fallback),
    logoutTemplate: r.str(t.logoutTemplate.name, t.logoutTemplate.fallback),
    templatesDir,
  };
}
