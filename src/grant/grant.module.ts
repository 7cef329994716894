import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { ServiceTicketGrant } from './service-ticket-grant';

/** Issuing tickets to services (login and proxy share it). */
@Module({
  imports: [TicketsModule],
  providers: [ServiceTicketGrant],
  exports: [ServiceTicketGrant],
})
export class GrantModule {}
