import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUES, LANGUAGES } from './languages';
import { placeholders } from './translate';

const english = CATALOGUES.en;
const VIEWS = join(__dirname, '..', '..', 'views');

function templates(): Array<[string, string]> {
  const files = readdirSync(VIEWS).filter((f) => f.endsWith('.hbs'));
  const partials = readdirSync(join(VIEWS, 'partials')).map((f) => `partials/${f}`);
  return [...files, ...partials].map((f) => [f, readFileSync(join(VIEWS, f), 'utf8')]);
}

describe.each(LANGUAGES.filter((l) => l !== 'en'))('the %s catalogue', (language) => {
  const catalogue = CATALOGUES[language] as Record<string, string>;

  it('has every key of the English catalogue, and no other', () => {
    const missing = Object.keys(english).filter((k) => !(k in catalogue));
    const extra = Object.keys(catalogue).filter((k) => !(k in english));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('translates every text (non-empty) with the same placeholders', () => {
    for (const [key, text] of Object.entries(english)) {
      expect({ key, empty: !catalogue[key]?.trim() }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(catalogue[key] ?? '') }).toEqual({
        key,
        placeholders: placeholders(text),
      });
    }
  });
});

describe('templates', () => {
  it.each(templates())('%s holds no text of its own: every word comes from the catalogues', (_name, source) => {
    const leftover = source
      .replace(/\{\{!--[\s\S]*?--\}\}/g, '')
      .replace(/\{\{[\s\S]*?\}\}/g, '')
      .replace(/<[^>]*>/g, '')
      .replace(/&\w+;/g, '');
    expect(leftover.match(/\p{L}+/gu) ?? []).toEqual([]);
  });

  it('use only keys that exist', () => {
    const used = templates().flatMap(([, source]) => [...source.matchAll(/\bt "([\w.]+)"/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((k) => !(k in english))).toEqual([]);
  });
});
