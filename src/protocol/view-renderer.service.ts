import { readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { projectRoot } from '../common/project-root';

export interface Message {
  level: 'info' | 'success' | 'warning' | 'error';
  text: string;
}

export type PageName = 'login' | 'warn' | 'logged' | 'logout' | 'post-redirect';

/**
 * Renders the Handlebars pages of `views/`. Templates are compiled once at start; every value
 * is HTML-escaped by Handlebars ({{ }}), and no template uses the unescaped form for data.
 */
@Injectable()
export class ViewRenderer {
  private readonly hbs = Handlebars.create();
  private readonly layout: Handlebars.TemplateDelegate;
  private readonly pages = new Map<PageName, Handlebars.TemplateDelegate>();

  constructor(@Inject(CAS_CONFIG) private readonly config: CasConfig) {
    const views = join(projectRoot(), 'views');
    for (const file of readdirSync(join(views, 'partials'))) {
      if (file.endsWith('.hbs')) {
        this.hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(views, 'partials', file), 'utf8'));
      }
    }
    this.hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.layout = this.compile(join(views, 'layout.hbs'));
    const chosen: Record<PageName, string> = {
      login: config.loginTemplate,
      warn: config.warnTemplate,
      logged: config.loggedTemplate,
      logout: config.logoutTemplate,
      'post-redirect': 'post-redirect',
    };
    for (const [page, template] of Object.entries(chosen) as Array<[PageName, string]>) {
      const file = isAbsolute(template) ? template : join(views, `${template}.hbs`);
      this.pages.set(page, this.compile(file));
    }
  }

  private compile(file: string): Handlebars.TemplateDelegate {
    return this.hbs.compile(readFileSync(file, 'utf8'), { strict: false, noEscape: false });
  }

  render(page: PageName, context: Record<string, unknown>): string {
    const prefix = this.config.pathPrefix;
    const full = {
      prefix,
      staticBase: `${prefix}/static`,
      logoUrl: this.config.logoUrl || `${prefix}/static/logo.svg`,
      faviconUrl: this.config.faviconUrl || `${prefix}/static/favicon.svg`,
      showPowered: this.config.showPowered,
      ...context,
    };
    const body = this.pages.get(page)!(full);
    return this.layout({ ...full, body });
  }
}
