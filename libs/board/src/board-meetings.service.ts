// Board meetings and the trust reports filed to them. Board material is for the board only
// (trust CEOs, the regulator, admins: the routes say so); a CEO writes only their own trust's report,
// and once publishing is asked for, every report of the meeting is read-only.
import { AuditedWriter } from '@app/audit';
import { Actor, isTrustRole } from '@app/auth';
import { acrossTrusts, BoardMeeting, Page, PageQuery, TrustReport } from '@app/database';
import { BoardPackProducer } from '@app/queue';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BOARD_MEETING_AUDIT, TRUST_REPORT_AUDIT } from './audit-targets';
import { BoardMeetingsRepository, ReportWithTrust } from './board-meetings.repository';

/** BullMQ waits for Redis to come back; a request does not wait that long. */
const ENQUEUE_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type MeetingStatus = 'draft' | 'publishing' | 'published';

export interface CreateMeetingInput {
  month: string;
  heldOn?: string | null;
}

export interface ReportInput {
  progress: string;
  challenges: string;
  asks?: string | null;
  /** When given, the report's current version (409 when stale); a first report needs none. */
  version?: number;
}

export interface ReportView {
  id: string;
  meetingId: string;
  trustId: string;
  trustCode?: string;
  trustName?: string;
  progress: string;
  challenges: string;
  asks: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
}

export interface MeetingView {
  id: string;
  month: string;
  heldOn: string | null;
  status: MeetingStatus;
  publishRequestedAt: Date | null;
  publishedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
}

export interface MeetingWithReports extends MeetingView {
  reports: ReportView[];
}

export function meetingStatus(m: Pick<BoardMeeting, 'publishedAt' | 'publishRequestedAt'>): MeetingStatus {
  return m.publishedAt ? 'published' : m.publishRequestedAt ? 'publishing' : 'draft';
}

export const meetingView = (m: BoardMeeting): MeetingView => ({
  id: m.id,
  month: m.month,
  heldOn: m.heldOn,
  status: meetingStatus(m),
  publishRequestedAt: m.publishRequestedAt,
  publishedAt: m.publishedAt,
  version: m.version,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
  createdBy: m.createdBy,
});

export const reportView = (r: TrustReport | ReportWithTrust): ReportView => ({
  id: r.id,
  meetingId: r.meetingId,
  trustId: r.trustId,
  ...('trustCode' in r ? { trustCode: r.trustCode, trustName: r.trustName } : {}),
  progress: r.progress,
  challenges: r.challenges,
  asks: r.asks,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  createdBy: r.createdBy,
});

@Injectable()
export class BoardMeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: AuditedWriter,
    private readonly meetings: BoardMeetingsRepository,
    private readonly producer: BoardPackProducer,
  ) {}

  async list(page: PageQuery): Promise<Page<MeetingView>> {
    const result = await this.meetings.list(this.db.manager, page);
    return { items: result.items.map(meetingView), nextCursor: result.nextCursor };
  }

  async get(id: string): Promise<MeetingWithReports> {
    const meeting = await this.meetings.findById(this.db.manager, id);
    if (!meeting) throw new NotFoundException('board meeting not found');
    // Every board member reads every trust's report (the meeting is the board's shared space, SPEC §4).
    const reports = await acrossTrusts('board meeting reports', () => this.meetings.reportsOf(this.db.manager, id));
    return { ...meetingView(meeting), reports: reports.map(reportView) };
  }

  create(actor: Actor, input: CreateMeetingInput): Promise<MeetingView> {
    return this.db.transaction(async (em) => {
      if (await this.meetings.monthTaken(em, input.month)) {
        throw new ConflictException(`month: a board meeting for ${input.month} already exists`);
      }
      const created = await this.writer.create(em, actor, BOARD_MEETING_AUDIT, {
        month: input.month,
        heldOn: input.heldOn ?? null,
      });
      return meetingView(created);
    });
  }

  /**
   * Files or replaces a trust's report (201 when created). A trust CEO files only their own trust's
   * (403 otherwise); after publishing was asked for, 409.
   */
  putReport(
    actor: Actor,
    meetingId: string,
    trustId: string,
    input: ReportInput,
  ): Promise<{ report: ReportView; created: boolean }> {
    if (isTrustRole(actor.role) && actor.trustId !== trustId) {
      throw new ForbiddenException("trustId: a trust CEO writes only their own trust's report");
    }
    return this.db.transaction(async (em) => {
      // Shared lock: reports of several trusts are written at once, but publishing waits for them.
      const meeting = await this.meetings.findLocked(em, meetingId, 'share');
      if (!meeting) throw new NotFoundException('board meeting not found');
      if (meeting.publishedAt || meeting.publishRequestedAt) {
        throw new ConflictException(
          `the board pack of ${meeting.month} is ${meetingStatus(meeting)}: its reports are read-only`,
        );
      }
      if (!(await this.meetings.trustExists(em, trustId))) throw new NotFoundException('trust not found');
      await this.meetings.lockReportSlot(em, meetingId, trustId);
      const existing = await this.meetings.findReport(em, meetingId, trustId);
      const fields = { progress: input.progress, challenges: input.challenges, asks: input.asks ?? null };
      if (!existing) {
        const created = await this.writer.create(em, actor, TRUST_REPORT_AUDIT, { meetingId, trustId, ...fields });
        return { report: reportView(created), created: true };
      }
      const updated = await this.writer.update(
        em,
        actor,
        TRUST_REPORT_AUDIT,
        existing,
        input.version ?? existing.version,
        fields,
      );
      return { report: reportView(updated), created: false };
    });
  }

  /**
   * Asks for the pack to be published: reports freeze now, the board-pack job builds and stores the
   * snapshot. Publishing is idempotent: a published meeting answers as it is (`accepted` false), and
   * asking again while the job is pending enqueues it again (BullMQ keeps one job per meeting).
   */
  async requestPublish(actor: Actor, id: string): Promise<{ meeting: MeetingView; accepted: boolean }> {
    const meeting = await this.db.transaction(async (em) => {
      const current = await this.meetings.findLocked(em, id, 'update');
      if (!current) throw new NotFoundException('board meeting not found');
      if (current.publishedAt || current.publishRequestedAt) return current;
      return this.writer.update(em, actor, BOARD_MEETING_AUDIT, current, current.version, {
        publishRequestedAt: new Date(),
        publishRequestedBy: actor.id,
      });
    });
    if (meeting.publishedAt) return { meeting: meetingView(meeting), accepted: false };
    try {
      await withTimeout(
        this.producer.enqueuePublish({ meetingId: meeting.id, requestedBy: meeting.publishRequestedBy ?? actor.id }),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch {
      // The request is recorded; asking again enqueues the job once the queue is back.
      throw new ServiceUnavailableException('the job queue is unavailable; publish again shortly');
    }
    return { meeting: meetingView(meeting), accepted: true };
  }

  /**
   * Queues the board-pack job again for every meeting whose publishing was asked for more than
   * `olderThanMs` ago and is not done (the worker's publish scheduler calls this). Idempotent: a job
   * still waiting, delayed or running is left as it is (one job id per meeting), a failed one is
   * retried, a lost one (Redis restarted empty, a job removed by hand) is added again. Answers the
   * meetings re-queued.
   */
  async requeuePendingPublishes(olderThanMs: number): Promise<string[]> {
    const pending = await this.meetings.pendingPublishes(this.db.manager, olderThanMs);
    for (const { id, requestedBy } of pending) {
      await withTimeout(this.producer.enqueuePublish({ meetingId: id, requestedBy }), ENQUEUE_TIMEOUT_MS);
    }
    return pending.map((p) => p.id);
  }
}
