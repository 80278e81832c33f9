export * from './users.service';
export * from './users.module';
export * from './user-rules';
