import { Controller, Get, Query } from '@nestjs/common';
import type { Answer } from '../protocol/answer';
import { Family } from '../protocol/family';
import { ParamsPipe } from '../protocol/params.pipe';
import { validateV1Answer, validationAnswer } from './validation-answers';
import { validateV1Query, validationQuery, type ValidateV1Query, type ValidationQuery } from './validation.params';
import { ValidationService } from './validation.service';

const ValidationQueryPipe = ParamsPipe(validationQuery);

/** CAS 2.0/3.0 ticket validation; errors: ValidationErrorsFilter. */
@Controller()
@Family('cas-validation')
export class ValidateController {
  constructor(private readonly validation: ValidationService) {}

  @Get('serviceValidate')
  serviceValidate(@Query(ValidationQueryPipe) query: ValidationQuery): Promise<Answer> {
    return this.answer(query, '/serviceValidate', false);
  }

  @Get('proxyValidate')
  proxyValidate(@Query(ValidationQueryPipe) query: ValidationQuery): Promise<Answer> {
    return this.answer(query, '/proxyValidate', true);
  }

  @Get('p3/serviceValidate')
  p3ServiceValidate(@Query(ValidationQueryPipe) query: ValidationQuery): Promise<Answer> {
    return this.answer(query, '/p3/serviceValidate', false);
  }

  @Get('p3/proxyValidate')
  p3ProxyValidate(@Query(ValidationQueryPipe) query: ValidationQuery): Promise<Answer> {
    return this.answer(query, '/p3/proxyValidate', true);
  }

  private async answer(query: ValidationQuery, endpoint: string, acceptProxyTickets: boolean): Promise<Answer> {
    const { format, ...ticket } = query;
    const outcome = await this.validation.validate({ ...ticket, acceptProxyTickets, endpoint });
    return validationAnswer(format, outcome);
  }
}

/** CAS 1.0 /validate; errors: ValidateV1ErrorsFilter. */
@Controller()
@Family('cas-v1')
export class ValidateV1Controller {
  constructor(private readonly validation: ValidationService) {}

  @Get('validate')
  async validate(@Query(ParamsPipe(validateV1Query)) query: ValidateV1Query): Promise<Answer> {
    const outcome = await this.validation.validate({ ...query, acceptProxyTickets: false, endpoint: '/validate' });
    return validateV1Answer(outcome.ok ? outcome.user : null);
  }
}
