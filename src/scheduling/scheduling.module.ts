import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { repositoryProvider } from '../database/repository-provider';
import { SessionsModule } from '../sessions/sessions.module';
import { SingleLogoutModule } from '../single-logout/single-logout.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ThrottlingModule } from '../throttling/throttling.module';
import { CleanupScheduler } from './cleanup-scheduler.service';
import { CleanupService } from './cleanup.service';
import { JobLease } from './job-lease.entity';
import { JobLeaseRepository } from './job-lease.repository';
import { JobLeases } from './job-lease.service';

/** Cleanup jobs; `withScheduler` also runs them periodically (the server, not the CLI). */
@Module({})
export class SchedulingModule {
  static forRoot(options: { withScheduler: boolean }): DynamicModule {
    return {
      module: SchedulingModule,
      imports: [
        TypeOrmModule.forFeature([JobLease]),
        TicketsModule,
        SessionsModule,
        SingleLogoutModule,
        ThrottlingModule,
        ...(options.withScheduler ? [ScheduleModule.forRoot()] : []),
      ],
      providers: [
        CleanupService,
        repositoryProvider(JobLeaseRepository, JobLease),
        JobLeases,
        ...(options.withScheduler ? [CleanupScheduler] : []),
      ],
      exports: [CleanupService],
    };
  }
}
