import { CompactModule } from '@app/compact';
import { Module } from '@nestjs/common';
import { CompactController } from './compact.controller';

@Module({ imports: [CompactModule], controllers: [CompactController] })
export class CompactHttpModule {}
