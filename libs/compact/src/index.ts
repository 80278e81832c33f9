export * from './audit-targets';
export * from './check-in-rules';
export * from './compact.repository';
export * from './compact.service';
export * from './compact.module';
