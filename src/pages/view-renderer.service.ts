import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { CATALOGUES, LANGUAGES, type Language } from '../i18n/languages';
import { translate, translateMessage, type MessageKey, type MessageParams } from '../i18n/translate';
import { sendHtml } from './http-helpers';
import { DISMISSED_COOKIE, visibleInfoNotices } from './info-messages';
import { requestLanguage } from './language';
import type { FormField, Message } from '../i18n/message';
import { TemplateFiles, viewsDir } from '../common/template-files';
import { findSiteAssets, type SiteAssets } from '../common/site-assets';

export type PageName = 'login' | 'warn' | 'logged' | 'logout' | 'post-redirect' | 'not-found';

/** What every page needs to know about the request it answers. */
export interface PageRequest {
  language: Language;
  /** Path and query of this page, where the language switcher and dismissals come back to. */
  here: string;
  dismissedCookie?: string;
}

/**
 * Renders the Handlebars pages of `views/` (or their replacements from `CAS_TEMPLATES_DIR`),
 * compiled once at start. Every text comes from the catalogues through the `t` helper, which
 * escapes the text and its parameters; no template uses the unescaped form for data.
 */
@Injectable()
export class ViewRenderer {
  private readonly hbs = Handlebars.create();
  private readonly layout: Handlebars.TemplateDelegate;
  private readonly pages = new Map<PageName, Handlebars.TemplateDelegate>();
  private readonly assets: SiteAssets;

  constructor(@Inject(CAS_CONFIG) private readonly config: CasConfig) {
    this.assets = findSiteAssets(config.staticDir, `${config.pathPrefix}/static`);
    // The settings naming templates were checked at start (loadConfig).
    const files = new TemplateFiles(viewsDir(), config.templatesDir);
    for (const [name, source] of files.partials()) this.hbs.registerPartial(name, source);
    registerHelpers(this.hbs);
    this.layout = this.hbs.compile(files.read('layout'));
    const chosen: Record<PageName, string> = {
      login: config.loginTemplate,
      warn: config.warnTemplate,
      logged: config.loggedTemplate,
      logout: config.logoutTemplate,
      'post-redirect': 'post-redirect',
      'not-found': 'not-found',
    };
    for (const [page, template] of Object.entries(chosen) as Array<[PageName, string]>) {
      this.pages.set(page, this.hbs.compile(files.read(template)));
    }
  }

  /** The request's language and return path, for pages and AJAX answers. */
  pageRequest(req: FastifyRequest, here = req.url): PageRequest {
    return {
      language: requestLanguage(req),
      here,
      dismissedCookie: req.cookies[DISMISSED_COOKIE],
    };
  }

  translateMessages(messages: Message[], language: Language): Array<{ level: Message['level']; text: string }> {
    return messages.map((m) => ({ level: m.level, text: translateMessage(language, m) }));
  }

  /** Renders a page in the request's language and sends it, saying which language it is in. */
  send(
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    page: PageName,
    context: Record<string, unknown> & { titleKey: MessageKey; messages?: Message[] },
    here?: string,
  ): void {
    const request = this.pageRequest(req, here);
    void reply.header('Content-Language', request.language).header('Vary', 'Accept-Language, Cookie');
    sendHtml(reply, status, this.render(page, context, request));
  }

  render(
    page: PageName,
    context: Record<string, unknown> & { titleKey: MessageKey; messages?: Message[] },
    request: PageRequest,
  ): string {
    const prefix = this.config.pathPrefix;
    const { language, here } = request;
    const given = context.messages ?? [];
    const messages = this.translateMessages(given, language).map((m, i) => ({
      ...m,
      id: `message-${i}`,
    }));
    /** The ids of the error messages about `field`, for its aria-describedby ('' = not at fault). */
    const errorsAbout = (field: FormField): string =>
      messages
        .filter((m, i) => m.level === 'error' && given[i].fields?.includes(field))
        .map((m) => m.id)
        .join(' ');
    const full = {
      prefix,
      staticBase: `${prefix}/static`,
      siteName: this.config.siteName || translate(language, 'site.title'),
      customStylesheet: this.assets.stylesheet,
      logoUrl: this.config.logoUrl || this.assets.logo || `${prefix}/static/logo.svg`,
      faviconUrl: this.config.faviconUrl || this.assets.favicon || `${prefix}/static/favicon.svg`,
      showPowered: this.config.showPowered,
      product: 'cas-server',
      lang: language,
      here,
      languages: LANGUAGES.map((code) => ({
        code,
        name: CATALOGUES[code]['language.name'],
        current: code === language,
        href: `${prefix}/language?${new URLSearchParams({ lang: code, next: here }).toString()}`,
      })),
      notices: visibleInfoNotices(
        this.config.infoMessages,
        this.config.infoMessagesOrder,
        language,
        request.dismissedCookie,
      ),
      ...context,
      messages,
      // Every error, for organisation templates written before errors named their fields.
      errorIds: messages
        .filter((m) => m.level === 'error')
        .map((m) => m.id)
        .join(' '),
      usernameErrorIds: errorsAbout('username'),
      passwordErrorIds: errorsAbout('password'),
    };
    const body = this.pages.get(page)!(full);
    return this.layout({ ...full, body });
  }
}

function registerHelpers(hbs: typeof Handlebars): void {
  const escape = (value: unknown): string =>
    value instanceof hbs.SafeString ? value.toString() : hbs.Utils.escapeExpression(String(value ?? ''));

  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  /**
   * `{{t "key" name=value}}`: the catalogue text in the page language, escaped; parameters are
   * escaped too unless they come from a markup helper such as `strong`.
   */
  hbs.registerHelper('t', function (this: unknown, key: MessageKey, options: Handlebars.HelperOptions) {
    const root = options.data?.root as { lang: Language };
    const safe: MessageParams = {};
    const markers = new Map<string, string>();
    Object.entries(options.hash as Record<string, unknown>).forEach(([name, value], i) => {
      // Placeholders become unique markers, the text is escaped, then the markers take the
      // escaped (or trusted markup) values: parameters are never escaped twice.
      const marker = `\u0000${i}\u0000`;
      safe[name] = marker;
      markers.set(marker, escape(value));
    });
    let html = hbs.Utils.escapeExpression(translate(root.lang, key, safe));
    for (const [marker, value] of markers) html = html.split(marker).join(value);
    return new hbs.SafeString(html);
  });
  hbs.registerHelper('strong', (value: unknown) => new hbs.SafeString(`<strong>${escape(value)}</strong>`));
  hbs.registerHelper(
    'time',
    (iso: unknown, text: unknown) => new hbs.SafeString(`<time datetime="${escape(iso)}">${escape(text)}</time>`),
  );
}
