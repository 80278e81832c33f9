import { AuditModule } from '@app/audit';
import { DashboardsModule } from '@app/dashboards';
import { QueueModule } from '@app/queue';
import { Module } from '@nestjs/common';
import { BoardMeetingsRepository } from './board-meetings.repository';
import { BoardMeetingsService } from './board-meetings.service';
import { BoardPackRepository } from './board-pack.repository';
import { BoardPackService } from './board-pack.service';
import { DashboardPackFigures } from './dashboard-pack-figures';

/** Board meetings, trust reports and the board pack (live draft, publishing, frozen snapshot). */
@Module({
  imports: [AuditModule, DashboardsModule, QueueModule],
  providers: [
    BoardMeetingsRepository,
    BoardPackRepository,
    DashboardPackFigures,
    BoardMeetingsService,
    BoardPackService,
  ],
  exports: [BoardMeetingsService, BoardPackService],
})
export class BoardModule {}
