import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminToken } from './admin-token.entity';
import { AdminTokensService } from './admin-tokens.service';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

/** Tokens and the audit trail: shared by the HTTP admin API and the CLI. */
@Module({
  imports: [TypeOrmModule.forFeature([AdminToken, AuditEntry])],
  providers: [AdminTokensService, AuditService],
  exports: [AdminTokensService, AuditService],
})
export class AdminCoreModule {}
