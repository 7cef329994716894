import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem, sendProblem } from '../common/problem';
import { validateV1 } from './cas-v1.response';
import { validationXml } from './cas-xml.response';
import { failure } from './validation-outcome';

/**
 * Errors raised before a handler runs (unparsable or oversized bodies, bad content types) or
 * escaping one: answered in the format of the endpoint that was called, never with a stack.
 */
export function answerError(request: FastifyRequest, reply: FastifyReply, error: FastifyError, prefix: string): void {
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
  } else if (endpoint === '/login' || endpoint === '/logout') {
    const html =
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title></head>' +
      `<body><p>The request could not be understood.</p><p><a href="${prefix}/login">Back to the login page</a></p></body></html>`;
    void reply.status(status).type('text/html; charset=utf-8').send(html);
  } else {
    sendProblem(reply, problem(status, status === 401 ? undefined : message));
  }
  if (status === 500) request.log.error(error);
}

export function registerErrorHandler(app: FastifyInstance, prefix: string): void {
  app.setErrorHandler((error: FastifyError, request, reply) => answerError(request, reply, error, prefix));
}
