import { statSync } from 'node:fs';
import { join } from 'node:path';

/** What an organisation's `CAS_STATIC_DIR` brings to the pages: URLs, or null when absent. */
export interface SiteAssets {
  /** Linked after the built-in stylesheet, so it may override any of its rules and colours. */
  stylesheet: string | null;
  logo: string | null;
  favicon: string | null;
}

export const NO_SITE_ASSETS: SiteAssets = { stylesheet: null, logo: null, favicon: null };

/** The first name found wins, so a folder holding both an SVG and a PNG logo uses the SVG. */
const STYLESHEETS = ['custom.css'];
const LOGOS = ['logo.svg', 'logo.png', 'logo.webp', 'logo.jpg'];
const FAVICONS = ['favicon.svg', 'favicon.ico', 'favicon.png'];

/**
 * The assets of `dir` (served under `staticBase`), looked up once at start. Each URL carries the
 * file's modification time: static files are cached for an hour, and a replaced logo or
 * stylesheet must show at the next restart, not an hour later.
 */
export function findSiteAssets(dir: string, staticBase: string): SiteAssets {
  if (dir === '') return NO_SITE_ASSETS;
  const find = (names: string[]): string | null => {
    for (const name of names) {
      const stats = statSync(join(dir, name), { throwIfNoEntry: false });
      if (stats?.isFile()) return `${staticBase}/${name}?v=${Math.floor(stats.mtimeMs)}`;
    }
    return null;
  };
  return { stylesheet: find(STYLESHEETS), logo: find(LOGOS), favicon: find(FAVICONS) };
}
