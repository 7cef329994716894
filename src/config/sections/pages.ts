import type { Reader } from '../env-reader';

/** The look of the pages and the choices they offer. */
export interface PagesSection {
  /** The organisation's name in the page header and titles ('' = the translated default). */
  siteName: string;
  /** A folder whose files are served under the static URL before ours ('' = none; absolute once loaded). */
  staticDir: string;
  logoUrl: string;
  faviconUrl: string;
  showPowered: boolean;
  redirectToLoginAfterLogout: boolean;
  showServiceMessages: boolean;
  enableAjaxAuth: boolean;
}

/** Shown on every page in every language: one line of plain text. */
function parseSiteName(raw: string): string {
  const name = raw.trim();
  if (name.length > 100) throw new Error('the site name is at most 100 characters long');
  if (/\p{Cc}/u.test(name)) throw new Error('the site name is one line of text, without control characters');
  return name;
}

/** A folder setting as given ('' when blank); made absolute and checked at start (startup-files.ts). */
export function parseFolder(raw: string): string {
  return raw.trim() === '' ? '' : raw;
}

export function readPagesSection(r: Reader): PagesSection {
  return {
    siteName: r.read('CAS_SITE_NAME', '', parseSiteName),
    staticDir: r.read('CAS_STATIC_DIR', '', parseFolder),
    logoUrl: r.str('CAS_LOGO_URL', ''),
    faviconUrl: r.str('CAS_FAVICON_URL', ''),
    showPowered: r.bool('CAS_SHOW_POWERED', true),
    redirectToLoginAfterLogout: r.bool('CAS_REDIRECT_TO_LOGIN_AFTER_LOGOUT', false),
    showServiceMessages: r.bool('CAS_SHOW_SERVICE_MESSAGES', true),
    enableAjaxAuth: r.bool('CAS_ENABLE_AJAX_AUTH', false),
  };
}
