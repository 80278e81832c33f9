import { TrustsModule } from '@app/trusts';
import { Module } from '@nestjs/common';
import { TrustsController } from './trusts.controller';

@Module({ imports: [TrustsModule], controllers: [TrustsController] })
export class TrustsHttpModule {}
