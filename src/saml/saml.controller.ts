import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import type { Answer } from '../protocol/answer';
import { Family } from '../protocol/family';
import { ParamsPipe } from '../protocol/params.pipe';
import { Hostname } from '../protocol/request-values';
import { SamlValidationService } from './saml-validation.service';
import { samlBody, samlQuery, type SamlQuery } from './saml.params';
import { samlAnswer } from './saml-answers';

/** SAML 1.1 validation; errors: SamlErrorsFilter. */
@Controller()
@Family('saml')
export class SamlController {
  constructor(private readonly saml: SamlValidationService) {}

  /** A SOAP POST, the service as `TARGET` in the query (SA-01, SA-02). */
  @Post('samlValidate')
  @HttpCode(200)
  async validate(
    @Query(ParamsPipe(samlQuery)) query: SamlQuery,
    @Body(ParamsPipe(() => samlBody)) body: string | null,
    @Hostname() issuer: string,
  ): Promise<Answer> {
    return samlAnswer(await this.saml.validate({ body, target: query.TARGET, issuer }));
  }
}
