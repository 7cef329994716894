import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ServicesModule } from '../services/services.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AdminToken } from './admin-token.entity';
import { AdminTokensService } from './admin-tokens.service';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';
import { DjangoImportAdmin } from './django-import-admin.service';
import { ServiceAdmin } from './service-admin.service';
import { SessionAdmin } from './session-admin.service';
import { TokenAdmin } from './token-admin.service';
import { UserAdmin } from './user-admin.service';

const SHARED = [AdminTokensService, AuditService, UserAdmin, ServiceAdmin, SessionAdmin, DjangoImportAdmin, TokenAdmin];

/**
 * The administration use cases, tokens and the audit trail: shared by the HTTP admin API and
 * the CLI, so both run the same rules and write the same audit records.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AdminToken, AuditEntry]), AuthModule, ServicesModule, SessionsModule],
  providers: SHARED,
  exports: SHARED,
})
export class AdminCoreModule {}
