import {
  Body,
  Controller,
  HttpCode,
  Injectable,
  NotFoundException,
  Post,
  UseGuards,
  type CanActivate,
} from '@nestjs/common';
import type { Answer } from '../protocol/answer';
import { Family } from '../protocol/family';
import { ParamsPipe } from '../protocol/params.pipe';
import { ClientAddress } from '../protocol/request-values';
import { NO, YES } from './auth-helper-answers';
import { authHelperForm, type AuthHelperForm } from './auth-helper.params';
import { AuthHelperService } from './auth-helper.service';

/** While no shared secret is set the endpoint does not exist, whatever the request holds. */
@Injectable()
class AuthHelperEnabled implements CanActivate {
  constructor(private readonly helper: AuthHelperService) {}

  canActivate(): boolean {
    if (!this.helper.enabled) throw new NotFoundException();
    return true;
  }
}

/** POST username, password, service, secret → `yes\n` or `no\n`; errors: AuthHelperErrorsFilter. */
@Controller()
@Family('auth-helper')
export class AuthHelperController {
  constructor(private readonly helper: AuthHelperService) {}

  @Post('auth')
  @HttpCode(200)
  @UseGuards(AuthHelperEnabled)
  async check(
    @Body(ParamsPipe(authHelperForm)) form: AuthHelperForm,
    @ClientAddress() clientAddress: string,
  ): Promise<Answer> {
    return (await this.helper.check({ ...form, clientAddress })) ? YES : NO;
  }
}
