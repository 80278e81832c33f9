// TypeORM options shared by the api, the worker, the CLI and tests.
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { APP_ROLE, ScopedPgClient } from './row-security/scoped-pg-client';

function baseOptions(databaseUrl: string, poolSize: number, applicationName: string) {
  return {
    type: 'postgres' as const,
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    migrationsRun: false,
    // Fail a request fast rather than hang when Postgres is unreachable or a pool is exhausted.
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5000,
      statement_timeout: 30000,
      application_name: applicationName,
    },
  };
}

/**
 * The application's pools (api, worker, CLI, the bulk pool): every connection runs as `kaizen_app`
 * (set at connection start, so a connection never exists with the owner's rights) through
 * `ScopedPgClient`, which applies the caller's row scope. See docs/decisions/row-level-security.md.
 */
export function dataSourceOptions(databaseUrl: string, poolSize = 20): DataSourceOptions {
  const base = baseOptions(databaseUrl, poolSize, 'kaizen-ledger');
  return {
    ...base,
    // Extensions are the migrations' business; kaizen_app may not create them.
    installExtensions: false,
    extra: { ...base.extra, Client: ScopedPgClient, options: `-c role=${APP_ROLE}` },
  };
}

/** The owner's pool: migrations and test fixtures only. It bypasses row-level security. */
export function ownerDataSourceOptions(databaseUrl: string, poolSize = 2): DataSourceOptions {
  return baseOptions(databaseUrl, poolSize, 'kaizen-ledger-owner');
}
