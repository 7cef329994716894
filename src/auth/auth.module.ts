import { Module } from '@nestjs/common';
import { TypeOrmModule, getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AuthSection, CasConfig, LdapAuthSection, SqlAuthSection } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { AUTH_BACKEND, type AuthBackend } from './auth-backend';
import { AuthService } from './auth.service';
import { DummyBackend } from './backends/dummy.backend';
import { LdapBackend } from './backends/ldap.backend';
import { LocalBackend } from './backends/local.backend';
import { SqlBackend } from './backends/sql.backend';
import { PasswordHasher } from './password-hasher';
import { TestBackend } from './backends/test.backend';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** The source CAS_AUTH_CLASS names; `users` is needed by `local` only (the CLI's doctor has none). */
export function backendFor(
  config: AuthSection & SqlAuthSection & LdapAuthSection,
  users: Repository<User> | null,
  hasher: PasswordHasher = new PasswordHasher(0),
): AuthBackend {
  switch (config.authClass) {
    case 'test':
      return new TestBackend(config.testUser, config.testPassword, config.testAttributes);
    case 'dummy':
      return new DummyBackend();
    case 'local':
      if (!users) throw new Error('the local source needs the database');
      return new LocalBackend(users, config.bcryptRounds, hasher);
    case 'sql':
      return new SqlBackend(config.sql);
    case 'ldap':
      return new LdapBackend(config.ldap);
  }
}

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [
    {
      provide: PasswordHasher,
      inject: [CAS_CONFIG],
      useFactory: (config: CasConfig) => new PasswordHasher(config.passwordWorkers),
    },
    {
      provide: AUTH_BACKEND,
      inject: [CAS_CONFIG, getRepositoryToken(User), PasswordHasher],
      useFactory: backendFor,
    },
    AuthService,
    UsersService,
  ],
  exports: [AuthService, UsersService],
})
export class AuthModule {}
