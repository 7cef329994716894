import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { repositoryProvider } from '../database/repository-provider';
import { LoginThrottle } from './login-throttle.service';
import { ThrottleCounter } from './throttle-counter.entity';
import { ThrottleStore } from './throttle-store.service';
import { ThrottleRepository } from './throttle.repository';

@Module({
  imports: [TypeOrmModule.forFeature([ThrottleCounter])],
  providers: [repositoryProvider(ThrottleRepository, ThrottleCounter), ThrottleStore, LoginThrottle],
  exports: [LoginThrottle, ThrottleStore],
})
export class ThrottlingModule {}
