import { ImprovementModule } from '@app/improvement';
import { Module } from '@nestjs/common';
import { ImprovementEventsController } from './improvement-events.controller';

@Module({ imports: [ImprovementModule], controllers: [ImprovementEventsController] })
export class ImprovementEventsHttpModule {}
