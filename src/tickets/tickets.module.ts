import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoginTicket } from './login-ticket.entity';
import { LoginTicketService } from './login-ticket.service';
import { Ticket } from './ticket.entity';
import { TicketRegistry } from './ticket-registry.service';

@Module({
  imports: [TypeOrmModule.forFeature([Ticket, LoginTicket])],
  providers: [TicketRegistry, LoginTicketService],
  exports: [TicketRegistry, LoginTicketService],
})
export class TicketsModule {}
