// TypeORM options shared by the api, the worker, the CLI and tests.
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(databaseUrl: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // Fail a request fast rather than hang when Postgres is unreachable or a pool is exhausted.
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5000,
      statement_timeout: 30000,
      application_name: 'kaizen-ledger',
    },
  };
}
