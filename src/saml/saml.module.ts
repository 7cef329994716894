import { Module } from '@nestjs/common';
import { ValidationModule } from '../validation/validation.module';
import { SamlController } from './saml.controller';
import { SamlValidationService } from './saml-validation.service';

/** SAML 1.1 ticket validation (/samlValidate). */
@Module({
  imports: [ValidationModule],
  controllers: [SamlController],
  providers: [SamlValidationService],
})
export class SamlModule {}
