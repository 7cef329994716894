import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_BASE } from '../admin/admin-paths';
import { prefersHtml } from '../common/accept';
import { problem, sendProblem } from '../common/problem';
import { proxyXml } from '../proxy/cas-proxy.response';
import { validateV1 } from '../validation/cas-v1.response';
import { validationXml } from '../validation/cas-xml.response';
import { samlFailureXml } from '../saml/saml.response';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages';
import { translate, type MessageKey } from '../i18n/translate';
import { requestLanguage } from '../pages/language';
import { failure } from '../validation/validation-outcome';

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

/** Sends the site's "page not found" page (the renderer's, with the layout and languages). */
export type NotFoundPage = (request: FastifyRequest, reply: FastifyReply) => void;

/**
 * Errors raised before a handler runs (unparsable or oversized bodies, bad content types) or
 * escaping one: answered in the format of the endpoint that was called, never with a stack.
 * An unknown address is a page for a browser and a problem document for an API client.
 */
export function answerError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: FastifyError,
  prefix: string,
  notFoundPage?: NotFoundPage,
): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  const path = request.url.split('?')[0];
  const endpoint = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  const message = status === 500 ? 'Internal error' : error.message;
  if (endpoint === '/validate') {
    void reply.status(200).type('text/plain; charset=utf-8').send(validateV1(null));
  } else if (/^\/(p3\/)?(serviceValidate|proxyValidate)$/.test(endpoint)) {
    const code = status === 500 ? 'INTERNAL_ERROR' : 'INVALID_REQUEST';
    void reply
      .status(200)
      .type('application/xml; charset=utf-8')
      .send(validationXml(failure(code, message), true));
  } else if (endpoint === '/proxy') {
    const code = status === 500 ? 'INTERNAL_ERROR' : 'INVALID_REQUEST';
    void reply
      .status(200)
      .type('application/xml; charset=utf-8')
      .send(proxyXml(failure(code, message)));
  } else if (endpoint === '/samlValidate' && request.method === 'POST') {
    // An oversized, unsupported or unreadable body is still answered in SAML (SEC-25).
    const xml = samlFailureXml({
      now: new Date(),
      target: null,
      requestId: null,
      status: status === 500 ? 'Responder' : 'Requester',
      message,
    });
    void reply.status(200).type('text/xml; charset=utf-8').send(xml);
  } else if (endpoint === '/auth' && request.method === 'POST') {
    void reply.status(200).type('text/plain; charset=utf-8').send('no\n');
  } else if (['/login', '/logout', '/messages/dismiss', '/language'].includes(endpoint)) {
    // The pages, and the choices made on them: a browser gets a page.
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
  } else if (
    status === 404 &&
    notFoundPage &&
    path !== ADMIN_BASE &&
    !path.startsWith(`${ADMIN_BASE}/`) &&
    prefersHtml(request.headers.accept)
  ) {
    notFoundPage(request, reply);
  } else {
    sendProblem(reply, problem(status, status === 401 ? undefined : message));
  }
  if (status === 500) request.log.error(error);
}
