import { ImprovementModule } from '@app/improvement';
import { Module } from '@nestjs/common';
import { MapsController } from './maps.controller';

@Module({ imports: [ImprovementModule], controllers: [MapsController] })
export class MapsHttpModule {}
