import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages';
import { translate, type MessageKey } from '../i18n/translate';
import { requestLanguage } from './language';
import { clientError, exchangeOf } from '../protocol/errors';

/** The page language, or English when even the headers could not be read. */
function safeLanguage(request: FastifyRequest): Language {
  try {
    return requestLanguage(request);
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page of its own, which no failure of the templates or the database can break. */
function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, prefix: string): void {
  const language = safeLanguage(request);
  const text = (key: MessageKey) => escapeHtml(translate(language, key));
  const html =
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><title>${text('error.title')}</title></head>` +
    `<body><main><p>${text('error.text')}</p><p><a href="${prefix}/login">${text('error.back')}</a></p></main></body></html>`;
  void reply
    .status(status)
    .header('Content-Language', language)
    .header('Vary', 'Accept-Language, Cookie')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Shows a refused request on a form again, with the reason (the login page). */
export type FormAgain = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  reason: unknown,
) => Promise<void>;

/**
 * The pages and the choices made on them: a browser gets a page. With `formAgain` (the login
 * routes), a browser that sent something unreadable gets the form again.
 */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(
    private readonly prefix: string,
    private readonly formAgain?: FormAgain,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { request, reply } = exchangeOf(host);
    const client = clientError(exception);
    const status = client?.status ?? 500;
    if (client === null)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    if (client && this.formAgain) {
      // The form could not be shown (its login ticket needs the server's key): the server's fault.
      this.formAgain(request, reply, status, exception).catch((failure: unknown) => {
        this.logger.error(failure instanceof Error ? (failure.stack ?? failure.message) : String(failure));
        sendErrorPage(request, reply, 500, this.prefix);
      });
      return;
    }
    sendErrorPage(request, reply, status, this.prefix);
  }
}
