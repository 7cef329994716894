import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from './project-root';

/** The built-in templates. */
export function viewsDir(): string {
  return join(projectRoot(), 'views');
}

/**
 * The template sources: the built-in `views/`, each file replaceable by a file of the same name
 * in the organisation's folder (`CAS_TEMPLATES_DIR`), whose `partials/` may also add partials.
 */
export class TemplateFiles {
  constructor(
    private readonly builtIn: string,
    private readonly custom: string,
  ) {}

  /** Handlebars compiles lazily: a syntax error must stop the server at start, not fail a login. */
  private parsed(file: string): string {
    const source = readFileSync(file, 'utf8');
    try {
      Handlebars.parse(source);
    } catch (err) {
      throw new Error(`${file}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
    return source;
  }

  /** The layout and every partial parse (the pages are checked when read). */
  check(): void {
    this.read('layout');
    this.partials();
  }

  /** Partials by name, the organisation's winning over the built-in ones. */
  partials(): Map<string, string> {
    const out = new Map<string, string>();
    for (const root of [this.builtIn, this.custom]) {
      const dir = root ? join(root, 'partials') : '';
      if (!dir || !existsSync(dir)) continue;
      for (const file of readdirSync(dir).sort()) {
        if (file.endsWith('.hbs')) out.set(basename(file, '.hbs'), this.parsed(join(dir, file)));
      }
    }
    return out;
  }

  /** A page by name (`login` → `login.hbs`, the organisation's first) or by absolute path. */
  read(template: string): string {
    if (isAbsolute(template)) {
      if (!existsSync(template)) throw new Error(`the template file ${template} does not exist`);
      return this.parsed(template);
    }
    if (!/^[\w.-]+$/.test(template)) throw new Error(`"${template}" is not a template name or an absolute path`);
    const file = `${template.replace(/\.hbs$/, '')}.hbs`;
    for (const root of [this.custom, this.builtIn]) {
      if (root && existsSync(join(root, file))) return this.parsed(join(root, file));
    }
    const where = this.custom ? `${this.custom} or ${this.builtIn}` : this.builtIn;
    throw new Error(`no template ${file} in ${where}`);
  }
}
