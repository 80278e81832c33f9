import { ImprovementModule } from '@app/improvement';
import { Module } from '@nestjs/common';
import { ValueStreamsController } from './value-streams.controller';

@Module({ imports: [ImprovementModule], controllers: [ValueStreamsController] })
export class ValueStreamsHttpModule {}
