export * from './rollup-marks';
export * from './rollup-marks.module';
export * from './rollup.repository';
export * from './rollup.service';
export * from './mark-relay';
export * from './rollups.module';
export * from './pipeline-liveness';
export * from './rollup-lag.repository';
