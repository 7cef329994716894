import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretsModule } from '../secrets/secrets.module';
import { ConsumedLoginTicket } from './consumed-login-ticket.entity';
import { LoginTicketService } from './login-ticket.service';
import { Ticket } from './ticket.entity';
import { TicketRegistry } from './ticket-registry.service';

@Module({
  imports: [TypeOrmModule.forFeature([Ticket, ConsumedLoginTicket]), SecretsModule],
  providers: [TicketRegistry, LoginTicketService],
  exports: [TicketRegistry, LoginTicketService],
})
export class TicketsModule {}
