import { Module } from '@nestjs/common';
import { TrustsService } from './trusts.service';

@Module({ providers: [TrustsService], exports: [TrustsService] })
export class TrustsModule {}
