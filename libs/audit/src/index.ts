export * from './audited-writer';
export * from './audit.service';
export * from './audit.module';
export * from './diff';
