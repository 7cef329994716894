import type { Provider } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { ObjectLiteral, Repository } from 'typeorm';
import { FastSql } from './fast-sql';

/**
 * A module's repository as a provider. Repositories are plain classes over TypeORM's
 * Repository and the statement helper, free of Nest, so their specs run them on real databases
 * as they are; the module registers the entity (TypeOrmModule.forFeature) and this.
 */
export function repositoryProvider<R, E extends ObjectLiteral>(
  repository: new (repo: Repository<E>, sql: FastSql) => R,
  entity: new () => E,
): Provider {
  return {
    provide: repository,
    inject: [getRepositoryToken(entity), FastSql],
    useFactory: (repo: Repository<E>, sql: FastSql) => new repository(repo, sql),
  };
}
