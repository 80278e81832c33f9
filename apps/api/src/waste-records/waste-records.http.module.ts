import { WasteModule } from '@app/waste';
import { Module } from '@nestjs/common';
import { WasteRecordsController } from './waste-records.controller';

@Module({ imports: [WasteModule], controllers: [WasteRecordsController] })
export class WasteRecordsHttpModule {}
