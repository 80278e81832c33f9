import { Environment } from '@app/config';
import { Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleAsyncOptions } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options';

/** Name of the DataSource of CSV imports and exports (inject it with `@InjectDataSource(BULK_DATA_SOURCE)`). */
export const BULK_DATA_SOURCE = 'bulk';

/**
 * The one code path that builds a pool of a process: the main pool and the bulk pool differ only in
 * their size and application_name, so whatever connection setup the main pool gets (options, factory,
 * hooks), the bulk pool gets too.
 */
function pool(kind: 'main' | 'bulk'): TypeOrmModuleAsyncOptions {
  return {
    ...(kind === 'bulk' ? { name: BULK_DATA_SOURCE } : {}),
    inject: [Environment],
    useFactory: (env: Environment) => {
      if (kind === 'main') return dataSourceOptions(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
      const options = dataSourceOptions(env.DATABASE_URL, env.DATABASE_BULK_POOL_SIZE);
      return { ...options, extra: { ...options.extra, application_name: 'kaizen-ledger-bulk' } };
    },
  };
}

/** The main Postgres pool of a process. Never synchronizes; migrations run as their own step. */
@Module({ imports: [TypeOrmModule.forRootAsync(pool('main'))] })
export class DatabaseModule {}

/**
 * A small pool of its own (DATABASE_BULK_POOL_SIZE, default 4) for CSV imports and exports: a slow
 * upload or an export nobody reads holds one of these for minutes, never a connection of the main
 * pool, so the rest of the API keeps answering (SPEC §7). Only the API imports it.
 */
@Module({ imports: [TypeOrmModule.forRootAsync(pool('bulk'))] })
export class BulkDatabaseModule {}
