import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AllowedUser, AttributeRewrite, ReleasedAttribute, RequiredAttribute } from './service-pattern-children.entity';
import { ServicePattern } from './service-pattern.entity';
import { ServiceCatalog } from './service-catalog.service';
import { ServiceRegistry } from './service-registry.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ServicePattern, AllowedUser, ReleasedAttribute, AttributeRewrite, RequiredAttribute]),
  ],
  providers: [ServiceRegistry, ServiceCatalog],
  exports: [ServiceRegistry, ServiceCatalog, TypeOrmModule],
})
export class ServicesModule {}
