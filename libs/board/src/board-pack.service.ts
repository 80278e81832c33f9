// The board pack: built live for a meeting not yet published, and frozen by the board-pack job,
// which stores the pack's JSON text; from then on every read answers exactly those bytes.
import { AuditedWriter } from '@app/audit';
import type { Actor } from '@app/auth';
import { acrossTrusts } from '@app/database';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BOARD_MEETING_AUDIT } from './audit-targets';
import { buildBoardPack } from './board-pack.builder';
import { renderBoardPackHtml } from './board-pack.html';
import { BoardPackRepository } from './board-pack.repository';
import type { BoardPack } from './board-pack.types';
import { BoardMeetingsRepository } from './board-meetings.repository';
import { DashboardPackFigures } from './dashboard-pack-figures';

/** Thrown while committed changes still wait for the rollups: the job retries rather than freeze stale figures. */
export class RollupsPendingError extends Error {
  constructor(readonly pendingChanges: number) {
    super(`${pendingChanges} committed change(s) are not in the rollups yet; publishing waits for them`);
  }
}

export interface PublishOptions {
  /**
   * Refuse (RollupsPendingError) while changes wait for the rollups, so the pack includes every
   * change committed before it was published. The job sets it on every attempt but the last.
   */
  waitForRollups?: boolean;
}

export interface PublishResult {
  meetingId: string;
  publishedAt: string;
  /** False when the pack was already published (the job ran twice): the first snapshot stands. */
  built: boolean;
}

@Injectable()
export class BoardPackService {
  private readonly logger = new Logger('BoardPack');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: AuditedWriter,
    private readonly meetings: BoardMeetingsRepository,
    private readonly packs: BoardPackRepository,
    private readonly figures: DashboardPackFigures,
  ) {}

  /** The pack as JSON text: the stored snapshot once published, else built now. */
  packJson(id: string): Promise<string> {
    // The pack is the programme's, the same for every board member who may open it (the controller
    // checks who): it reads every trust's reports and figures, so it asks for the whole programme.
    return acrossTrusts('board pack', () => this.buildPackJson(id));
  }

  private async buildPackJson(id: string): Promise<string> {
    const meeting = await this.meetings.findById(this.db.manager, id);
    if (!meeting) throw new NotFoundException('board meeting not found');
    if (meeting.publishedAt) {
      const stored = await this.meetings.snapshotText(this.db.manager, id);
      if (stored !== null) return stored;
    }
    const inputs = await this.packs.loadInputs(this.db.manager, meeting, this.figures.source, {
      generatedAt: new Date().toISOString(),
      publishedAt: null,
    });
    return JSON.stringify(buildBoardPack(inputs));
  }

  /** The same pack as a printable A4 page. */
  async packHtml(id: string): Promise<string> {
    return renderBoardPackHtml(JSON.parse(await this.packJson(id)) as BoardPack);
  }

  /**
   * Builds the pack and stores it as the meeting's snapshot, setting publishedAt, in one transaction
   * holding the meeting's row lock (report writers wait, then see it published). Running it again
   * keeps the first snapshot. The figures are the rollups' when the pack is built; `pendingChanges`
   * in the pack says how many committed changes they did not include yet.
   */
  publish(meetingId: string, requestedBy: string, options: PublishOptions = {}): Promise<PublishResult | null> {
    return this.db.transaction(async (em) => {
      const meeting = await this.meetings.findLocked(em, meetingId, 'update');
      if (!meeting) {
        this.logger.warn(`board meeting ${meetingId} no longer exists; nothing to publish`);
        return null;
      }
      if (meeting.publishedAt) {
        return { meetingId, publishedAt: meeting.publishedAt.toISOString(), built: false };
      }
      // Milliseconds, as timestamptz(3) stores them, so the pack and the meeting carry one instant.
      const publishedAt = new Date();
      const stamp = publishedAt.toISOString();
      const inputs = await this.packs.loadInputs(em, meeting, this.figures.source, {
        generatedAt: stamp,
        publishedAt: stamp,
      });
      if (options.waitForRollups && inputs.pendingChanges > 0) throw new RollupsPendingError(inputs.pendingChanges);
      await this.meetings.insertSnapshot(em, meetingId, JSON.stringify(buildBoardPack(inputs)));
      // The audit entry names the admin who asked to publish, not the job.
      const publisher: Actor = { id: requestedBy, email: '', name: 'board-pack job', role: 'admin', trustId: null };
      await this.writer.update(em, publisher, BOARD_MEETING_AUDIT, meeting, meeting.version, {
        publishedAt,
        publishRequestedAt: meeting.publishRequestedAt ?? publishedAt,
        publishRequestedBy: meeting.publishRequestedBy ?? requestedBy,
      });
      this.logger.log(`published the board pack of ${meeting.month}`);
      return { meetingId, publishedAt: stamp, built: true };
    });
  }
}
