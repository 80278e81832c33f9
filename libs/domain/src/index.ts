export * from './enums';
export * from './vocab';
export * from './dates';
export * from './periods';
export * from './map-metrics';
export * from './event-progress';
export * from './spc';
export * from './waste-rules';
