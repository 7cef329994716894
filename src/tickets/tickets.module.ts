import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { repositoryProvider } from '../database/repository-provider';
import { SecretsModule } from '../secrets/secrets.module';
import { ConsumedLoginTicket } from './consumed-login-ticket.entity';
import { LoginTicketRepository } from './login-ticket.repository';
import { LoginTicketService } from './login-ticket.service';
import { Ticket } from './ticket.entity';
import { TicketRegistry } from './ticket-registry.service';
import { TicketRepository } from './ticket.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Ticket, ConsumedLoginTicket]), SecretsModule],
  providers: [
    repositoryProvider(TicketRepository, Ticket),
    repositoryProvider(LoginTicketRepository, ConsumedLoginTicket),
    TicketRegistry,
    LoginTicketService,
  ],
  exports: [TicketRegistry, LoginTicketService],
})
export class TicketsModule {}
