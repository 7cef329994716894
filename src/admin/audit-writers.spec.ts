import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(__dirname, '..');

/** Source files of the admin API's controllers and of the CLI: the entry points of administration. */
function entryPoints(): Array<{ file: string; text: string }> {
  const controllers = readdirSync(join(SRC, 'admin'))
    .filter((f) => f.endsWith('.controller.ts'))
    .map((f) => join('admin', f));
  const cli = readdirSync(join(SRC, 'cli'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => join('cli', f));
  return [...controllers, ...cli].map((file) => ({ file, text: readFileSync(join(SRC, file), 'utf8') }));
}

describe('the audit trail is written by the use cases only', () => {
  it('no controller or CLI command records a change itself, so the API and the CLI audit alike', () => {
    const files = entryPoints();
    expect(files.length).toBeGreaterThan(10);
    const writers = files.filter(({ text }) => /\.record\(/.test(text)).map(({ file }) => file);
    expect(writers).toEqual([]);
    // Reading the trail is the audit controller's job; nothing else at the entry reaches it.
    const readers = files
      .filter(({ text }) => /from '\.{1,2}\/(admin\/)?audit\.service'/.test(text))
      .map((f) => f.file);
    expect(readers).toEqual([join('admin', 'audit.controller.ts')]);
  });
});
