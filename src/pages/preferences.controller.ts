import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { isLanguage } from '../i18n/languages';
import { cookiePath, isHttps } from './http-helpers';
import { DISMISSED_COOKIE, addDismissed, dismissToken, infoMessage } from './info-messages';
import { LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE } from './language';
import { ParamsPipe } from '../protocol/params.pipe';
import { dismissForm, languageQuery, type DismissForm, type LanguageQuery } from './preferences.params';
import { safeReturnPath } from './return-path';
import { Family } from '../protocol/family';

/**
 * Choices a visitor makes on the pages, kept in cookies (no session needed): the language of
 * the switcher and the dismissed `CAS_INFO_MESSAGES`. Both work without JavaScript and send the
 * browser back to the page it came from.
 */
@Family('pages')
@Controller()
export class PreferencesController {
  constructor(@Inject(CAS_CONFIG) private readonly config: CasConfig) {}

  private cookie(reply: FastifyReply, req: FastifyRequest, name: string, value: string): void {
    void reply.setCookie(name, value, {
      path: cookiePath(this.config.pathPrefix),
      maxAge: LANGUAGE_COOKIE_MAX_AGE,
      httpOnly: true,
      sameSite: 'lax',
      secure: isHttps(req),
    });
  }

  private back(reply: FastifyReply, next: string | undefined): void {
    // 303: the browser comes back with a GET, also after the dismissal's POST.
    void reply.status(303).header('Location', safeReturnPath(next, this.config.pathPrefix)).send();
  }

  @Get('language')
  language(
    @Query(ParamsPipe(() => languageQuery)) { lang, next }: LanguageQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    // An unknown language changes nothing: the pages keep following the browser's preference.
    if (isLanguage(lang)) this.cookie(reply, req, LANGUAGE_COOKIE, lang);
    this.back(reply, next);
  }

  @Post('messages/dismiss')
  dismiss(
    @Body(ParamsPipe(() => dismissForm)) { id, next }: DismissForm,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    const message = id === undefined ? null : infoMessage(this.config.infoMessages, id);
    if (id !== undefined && message?.discardable) {
      const token = dismissToken(id, message);
      this.cookie(reply, req, DISMISSED_COOKIE, addDismissed(req.cookies[DISMISSED_COOKIE], token));
    }
    this.back(reply, next);
  }
}
