// The Compact: admins keep the list of commitments; each party checks in monthly on the ones that
// bind it (trust CEOs and KPO leads for their trust, the regulator for itself). Everyone signed in
// reads the Compact: it is the partnership's open agreement.
import { AuditedWriter } from '@app/audit';
import { Actor, isTrustRole, listScope, readScope, writeTrust } from '@app/auth';
import { Environment } from '@app/config';
import { CompactCheckIn, CompactCommitment, Page, PageQuery } from '@app/database';
import { type CheckInStatus, type CompactCategory, type CompactParty, todayIn } from '@app/domain';
import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHECK_IN_AUDIT, COMMITMENT_AUDIT } from './audit-targets';
import { checkInSideOf, commitmentBinds, monthIsCheckable } from './check-in-rules';
import { CheckInFilter, CompactRepository } from './compact.repository';

export interface CreateCommitmentInput {
  party: CompactParty;
  category: CompactCategory;
  text: string;
  active?: boolean;
}

export interface UpdateCommitmentInput {
  version: number;
  party?: CompactParty;
  category?: CompactCategory;
  text?: string;
  active?: boolean;
}

export interface CheckInInput {
  commitmentId: string;
  month: string;
  trustId?: string | null;
  status: CheckInStatus;
  note?: string | null;
}

export interface CheckInListQuery extends PageQuery {
  month?: string;
  trustId?: string;
}

export interface CommitmentView {
  id: string;
  party: CompactParty;
  category: CompactCategory;
  text: string;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
}

export interface CheckInView {
  id: string;
  commitmentId: string;
  month: string;
  /** null: the regulator's check-in. */
  trustId: string | null;
  status: CheckInStatus;
  note: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
}

export interface CompactView {
  /** The current month (platform time zone) the check-ins below belong to. */
  month: string;
  commitments: CommitmentView[];
  /** The caller's check-ins of the month: their trust's, the regulator's, or (admin) every party's. */
  checkIns: CheckInView[];
}

export const commitmentView = (c: CompactCommitment): CommitmentView => ({
  id: c.id,
  party: c.party,
  category: c.category,
  text: c.text,
  active: c.active,
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  createdBy: c.createdBy,
});

export const checkInView = (c: CompactCheckIn): CheckInView => ({
  id: c.id,
  commitmentId: c.commitmentId,
  month: c.month,
  trustId: c.trustId,
  status: c.status,
  note: c.note,
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  createdBy: c.createdBy,
});

@Injectable()
export class CompactService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: AuditedWriter,
    private readonly compact: CompactRepository,
    private readonly env: Environment,
  ) {}

  currentMonth(): string {
    return todayIn(this.env.TZ).slice(0, 7);
  }

  async read(actor: Actor): Promise<CompactView> {
    const month = this.currentMonth();
    const own = readScope(actor);
    const filter: CheckInFilter =
      own !== null
        ? { month, trustId: own }
        : actor.role === 'regulator'
          ? { month, trustId: null }
          : { month, all: true };
    const [commitments, checkIns] = await Promise.all([
      this.compact.commitments(this.db.manager),
      this.compact.checkIns(this.db.manager, filter),
    ]);
    return { month, commitments: commitments.map(commitmentView), checkIns: checkIns.map(checkInView) };
  }

  createCommitment(actor: Actor, input: CreateCommitmentInput): Promise<CommitmentView> {
    return this.db.transaction(async (em) =>
      commitmentView(
        await this.writer.create(em, actor, COMMITMENT_AUDIT, {
          party: input.party,
          category: input.category,
          text: input.text,
          active: input.active ?? true,
        }),
      ),
    );
  }

  updateCommitment(actor: Actor, id: string, input: UpdateCommitmentInput): Promise<CommitmentView> {
    return this.db.transaction(async (em) => {
      const current = await this.compact.findCommitment(em, id);
      if (!current) throw new NotFoundException('Compact commitment not found');
      const patch: Partial<CompactCommitment> = {};
      if (input.party !== undefined) patch.party = input.party;
      if (input.category !== undefined) patch.category = input.category;
      if (input.text !== undefined) patch.text = input.text;
      if (input.active !== undefined) patch.active = input.active;
      return commitmentView(await this.writer.update(em, actor, COMMITMENT_AUDIT, current, input.version, patch));
    });
  }

  /**
   * Creates or replaces the caller's check-in for one commitment and month. Answers whether it was
   * created. An unchanged check-in is not written again (and leaves no audit entry).
   */
  async putCheckIn(actor: Actor, input: CheckInInput): Promise<{ checkIn: CheckInView; created: boolean }> {
    const side = checkInSideOf(actor.role);
    if (side === null) throw new ForbiddenException(`role ${actor.role} does not check in to the Compact`);
    let trustId: string | null = null;
    if (side === 'trust') {
      trustId = writeTrust(actor, input.trustId);
    } else if (input.trustId) {
      throw new ForbiddenException('trustId: the regulator checks in for its own commitments only, without a trustId');
    }
    if (!monthIsCheckable(input.month, this.currentMonth())) {
      throw new BadRequestException([`month must not be after the current month (${this.currentMonth()})`]);
    }
    return this.db.transaction(async (em) => {
      const commitment = await this.compact.findCommitment(em, input.commitmentId);
      if (!commitment) throw new BadRequestException([`commitmentId: no Compact commitment ${input.commitmentId}`]);
      if (!commitment.active) throw new BadRequestException(['commitmentId: the commitment is no longer active']);
      if (!commitmentBinds(commitment.party, side)) {
        throw new ForbiddenException(
          `commitmentId: a commitment of party ${commitment.party} is not the ${side}'s to check in`,
        );
      }
      await this.compact.lockCheckInSlot(em, commitment.id, input.month, trustId);
      const existing = await this.compact.findCheckIn(em, commitment.id, input.month, trustId);
      const note = input.note ?? null;
      if (!existing) {
        const created = await this.writer.create(em, actor, CHECK_IN_AUDIT, {
          commitmentId: commitment.id,
          month: input.month,
          trustId,
          status: input.status,
          note,
        });
        return { checkIn: checkInView(created), created: true };
      }
      if (existing.status === input.status && existing.note === note)
        return { checkIn: checkInView(existing), created: false };
      const updated = await this.writer.update(em, actor, CHECK_IN_AUDIT, existing, existing.version, {
        status: input.status,
        note,
      });
      return { checkIn: checkInView(updated), created: false };
    });
  }

  /**
   * Trust roles see their trust's check-ins and the regulator's (a `trustId` of their own narrows to
   * their trust's; another trust's finds nothing); programme roles see every party's, or one trust's.
   */
  async listCheckIns(actor: Actor, query: CheckInListQuery): Promise<Page<CheckInView>> {
    const filter: CheckInFilter = isTrustRole(actor.role)
      ? { month: query.month, trustId: listScope(actor, query.trustId), includeRegulator: !query.trustId }
      : query.trustId
        ? { month: query.month, trustId: query.trustId }
        : { month: query.month, all: true };
    const page = await this.compact.listCheckIns(this.db.manager, filter, query);
    return { items: page.items.map(checkInView), nextCursor: page.nextCursor };
  }
}
