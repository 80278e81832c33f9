export * from './demo-seed';
export * from './directory.seed';
export * from './board.seed';
export * from './improvement.seed';
export * from './seed-context';
export * from './random';
export * from './waste.seed';
