export * from './columns';
export * from './entities';
export * from './migrations';
export { dataSourceOptions, ownerDataSourceOptions } from './data-source-options';
export * from './database.module';
export * from './pagination';
export * from './row-security/row-scope';
export { APP_ROLE, ScopedPgClient } from './row-security/scoped-pg-client';
export * from './row-security/trust-row-security';
