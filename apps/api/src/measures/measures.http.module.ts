import { ImprovementModule } from '@app/improvement';
import { Module } from '@nestjs/common';
import { MeasuresController } from './measures.controller';

@Module({ imports: [ImprovementModule], controllers: [MeasuresController] })
export class MeasuresHttpModule {}
