export * from './columns';
export * from './entities';
export * from './migrations';
export { dataSourceOptions } from './data-source-options';
export * from './database.module';
export * from './pagination';
