export * from './rollup-marks';
export * from './rollup-marks.module';
