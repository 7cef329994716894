import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding package.json, views/ and public/, from the source or the build tree. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (package.json)');
    dir = parent;
  }
  return dir;
}
