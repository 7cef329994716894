import { Module } from '@nestjs/common';
import { ProxyModule } from '../proxy/proxy.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ValidateController, ValidateV1Controller } from './validate.controller';
import { ValidationService } from './validation.service';

/** Ticket validation: CAS 1.0 /validate, CAS 2.0/3.0 /serviceValidate, /proxyValidate, /p3/*. */
@Module({
  imports: [TicketsModule, ProxyModule],
  controllers: [ValidateController, ValidateV1Controller],
  providers: [ValidationService],
  exports: [ValidationService],
})
export class ValidationModule {}
