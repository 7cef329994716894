import type { FastifyReply } from 'fastify';

/** A protocol answer: a body and its media type (the status is the route's, 200). */
export class Answer {
  constructor(
    readonly type: string,
    readonly body: string,
  ) {}
}

export const XML_TYPE = 'application/xml; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const TEXT_TYPE = 'text/plain; charset=utf-8';

/** For error filters, which answer outside the handler. */
export function sendAnswer(reply: FastifyReply, answer: Answer, status = 200): void {
  void reply.status(status).type(answer.type).send(answer.body);
}
