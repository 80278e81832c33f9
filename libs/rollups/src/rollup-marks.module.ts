import { Global, Module } from '@nestjs/common';
import { RollupMarks } from './rollup-marks';

@Global()
@Module({ providers: [RollupMarks], exports: [RollupMarks] })
export class RollupMarksModule {}
