export * from './trusts.service';
export * from './trusts.module';
