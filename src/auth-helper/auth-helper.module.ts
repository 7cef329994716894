import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ServicesModule } from '../services/services.module';
import { ThrottlingModule } from '../throttling/throttling.module';
import { AuthHelperController } from './auth-helper.controller';
import { AuthHelperService } from './auth-helper.service';

/** POST /auth, the credential check for trusted helpers (CAS_AUTH_SHARED_SECRET). */
@Module({
  imports: [AuthModule, ServicesModule, ThrottlingModule],
  controllers: [AuthHelperController],
  providers: [AuthHelperService],
})
export class AuthHelperModule {}
