export * from './demo-seed';
export * from './directory.seed';
export * from './seed-context';
export * from './random';
