import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretsModule } from '../secrets/secrets.module';
import { ConsumedLoginTicket } from './consumed-login-ticket.entity';
import { LoginTicketRepository } from './login-ticket.repository';
import { LoginTicketService } from './login-ticket.service';
import { Ticket } from './ticket.entity';
import { TicketRegistry } from './ticket-registry.service';
import { TicketRepository } from './ticket.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Ticket, ConsumedLoginTicket]), SecretsModule],
  providers: [TicketRepository, LoginTicketRepository, TicketRegistry, LoginTicketService],
  exports: [TicketRegistry, LoginTicketService],
})
export class TicketsModule {}
