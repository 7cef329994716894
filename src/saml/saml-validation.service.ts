import { Injectable } from '@nestjs/common';
import type { Attributes } from '../common/attributes';
import { parseSamlRequest } from './saml-request';
import { samlFailureXml, samlSuccessXml, type SamlStatus } from './saml.response';
import { ValidationService } from '../validation/validation.service';

export interface SamlValidationRequest {
  /** The raw request body, or null when it was not sent as text. */
  body: string | null;
  target: string | undefined;
  /** Names this server in the assertion's Issuer. */
  issuer: string;
}

/** /samlValidate (§6): the artifact is validated like any ST/PT, the answer is SAML 1.1. */
@Injectable()
export class SamlValidationService {
  constructor(private readonly validation: ValidationService) {}

  async validate(request: SamlValidationRequest): Promise<string> {
    const now = new Date();
    const target = request.target || null;
    const refuse = (status: SamlStatus, message: string, requestId: string | null) =>
      samlFailureXml({ now, target, requestId, status, message });

    if (request.body === null) {
      return refuse('Requester', 'Send the SOAP request as text/xml', null);
    }
    const parsed = parseSamlRequest(request.body);
    if (!parsed.ok) {
      const status = parsed.problem === 'incomplete' ? 'RequestDenied' : 'Requester';
      return refuse(status, `Malformed SAML request: ${parsed.reason}`, parsed.requestId);
    }
    // Without TARGET the ticket is spent all the same, as on the other endpoints (E-12).
    const outcome = await this.validation.validate({
      ticket: parsed.artifact,
      service: target ?? undefined,
      renew: false,
      acceptProxyTickets: true,
      endpoint: '/samlValidate',
    });
    if (!target) return refuse('RequestDenied', "The 'TARGET' parameter is required", parsed.requestId);
    if (!outcome.ok) return refuse('RequestDenied', outcome.description, parsed.requestId);

    // SAML attributes never go to a plain-http service (SA-03).
    const attributes: Attributes = isHttps(target) ? { ...outcome.attributes } : {};
    if (outcome.longTermAuthenticationRequestTokenUsed) attributes.longTermAuthenticationRequestTokenUsed = 'true';
    return samlSuccessXml({
      now,
      target,
      requestId: parsed.requestId,
      issuer: request.issuer,
      user: outcome.user,
      authenticationDate: outcome.authenticationDate,
      attributes,
    });
  }
}

function isHttps(url: string): boolean {
  return url.slice(0, 8).toLowerCase() === 'https://';
}
