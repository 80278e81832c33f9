import { BulkDatabaseModule } from '@app/database';
import { RollupMarksModule } from '@app/rollups';
import { Module } from '@nestjs/common';
import { BulkSlots } from './bulk-slots';
import { WasteBulkRepository } from './waste-bulk.repository';
import { WasteCsvService } from './waste-csv.service';
import { WasteRecordsRepository } from './waste-records.repository';
import { WasteRecordsService } from './waste-records.service';

/** The waste log: single-record writes and reads, and the streamed CSV import and export. */
@Module({
  imports: [RollupMarksModule, BulkDatabaseModule],
  providers: [WasteRecordsRepository, WasteBulkRepository, BulkSlots, WasteRecordsService, WasteCsvService],
  exports: [WasteRecordsService, WasteCsvService],
})
export class WasteModule {}
