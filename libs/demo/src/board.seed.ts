// The Compact of the partnership, six months of check-ins (most met, some not), and the monthly
// board: three published meetings with a report from every trust, plus this month's draft.
// `buildBoardDemo` is pure (same trusts, day and seed give the same rows). The step inserts the rows,
// brings the rollups up to date inside the seed's transaction, and freezes each published pack with
// the same reader and pure builder the board-pack job uses. It must run after every step that writes
// records the pack counts (waste records, events, measures, maps).
import { BoardPackRepository, buildBoardPack, rollupFiguresIn } from '@app/board';
import {
  addDays,
  type CheckInStatus,
  type CompactCategory,
  type CompactParty,
  isoWeekday,
  monthOf,
  nextMonth,
  previousMonth,
} from '@app/domain';
import { RollupRepository } from '@app/rollups';
import type { DataSource, EntityManager } from 'typeorm';
import { seededUuid } from './improvement.seed';
import { seededRandom } from './random';
import type { SeedContext, SeededTrust, SeedStep } from './seed-context';

type Row = Record<string, unknown>;

export interface CommitmentTemplate {
  party: CompactParty;
  category: CompactCategory;
  text: string;
  /** What a party writes when it did not keep it, in the demo. */
  missed: string;
  active?: boolean;
}

/** The Compact as the partners agreed it: behaviours and responsibilities, in their own words. */
export const COMPACT: readonly CommitmentTemplate[] = [
  {
    party: 'all',
    category: 'behaviour',
    text: 'We communicate openly and transparently with each other, and share bad news as early as good news.',
    missed: 'A serious incident reached the partners through the press before it reached the board.',
  },
  {
    party: 'all',
    category: 'behaviour',
    text: 'We give and receive constructive challenge in good faith, as equal partners around the table.',
    missed: 'Challenge on theatre utilisation came across as blame; we will revisit it together.',
  },
  {
    party: 'all',
    category: 'behaviour',
    text: "We judge continuous improvement from the patient's point of view: value is what the patient would choose to pay for.",
    missed: 'We counted a faster internal sign-off as an improvement although patients waited just as long.',
  },
  {
    party: 'all',
    category: 'behaviour',
    text: 'We protect the time of the monthly Transformation Guiding Board and attend in person, without phones or laptops.',
    missed: 'Phones and laptops were out during the CEO reports; we agreed to leave them at the door.',
  },
  {
    party: 'all',
    category: 'responsibility',
    text: 'We bring problems to the board as opportunities to learn together, never as failures to hide.',
    missed: 'We presented a delayed discharge audit as a success before the follow-up data were in.',
  },
  {
    party: 'trust',
    category: 'responsibility',
    text: 'The chief executive leads the transformation personally and attends at least one RPIW report-out every month.',
    missed: 'The RPIW report-out clashed with a system winter meeting; rearranged for next month.',
  },
  {
    party: 'trust',
    category: 'responsibility',
    text: 'We keep the Kaizen Promotion Office fully staffed and protect it from cost improvement savings.',
    missed: 'The KPO lead was seconded to the vaccination programme for three weeks.',
  },
  {
    party: 'trust',
    category: 'responsibility',
    text: 'We report waste, improvement events and measures honestly and on time, including what did not work.',
    missed: 'Our measures reached the board a week late after an analyst vacancy.',
  },
  {
    party: 'trust',
    category: 'behaviour',
    text: 'Leaders go to the gemba: they see the work where it happens before deciding about it.',
    missed: 'The bed-flow decision was taken in the boardroom without a visit to the wards.',
  },
  {
    party: 'regulator',
    category: 'behaviour',
    text: 'We show empathy for providers under pressure to show change quickly, and allow time for improvement to take hold.',
    missed: 'We asked for a recovery trajectory within a fortnight of the RPIW, before its 30-day follow-up.',
  },
  {
    party: 'regulator',
    category: 'responsibility',
    text: 'We oversee proportionately: no data requests outside the agreed monthly reporting cycle.',
    missed: 'An extra data request went out mid-month during the A&E pressures; we apologised to the trusts.',
  },
  {
    party: 'regulator',
    category: 'responsibility',
    text: "We align regulatory conversations with each trust's improvement plan instead of adding parallel demands.",
    missed: 'A separate elective recovery plan was requested alongside the improvement plan.',
  },
  {
    party: 'institute',
    category: 'responsibility',
    text: 'We coach trust leaders and KPO teams on site in the method until they can teach it themselves.',
    missed: 'Coaching visits were moved to video calls for the month.',
  },
  {
    party: 'institute',
    category: 'behaviour',
    text: 'We share openly what has worked and what has failed at Virginia Mason.',
    missed: 'The lessons from the failed pharmacy kanban were not shared in time.',
  },
  {
    party: 'trust',
    category: 'responsibility',
    text: 'We send a written monthly assurance return to the regulator.',
    missed: 'Replaced by the shared dashboards.',
    active: false,
  },
];

const PROGRESS = [
  'The {stream} RPIW cut the wait before the first step by a third and the new standard work is holding at the 30-day follow-up.',
  '{ideas} everyday lean ideas were tested by front-line teams this month; most were small and most stuck.',
  'Our KPO trained a second cohort of ward leaders in waste walks; waste records are now coming from every division.',
  'The {stream} future-state map was signed off by the clinical teams and the first two countermeasures are live.',
];

const CHALLENGES = [
  'Bed occupancy above 95% is squeezing the protected time for improvement work; two events were postponed.',
  'Agency staffing makes standard work hard to sustain on night shifts.',
  'Middle managers report improvement as extra work rather than the work; we are changing how the divisional reviews run.',
  'The electronic patient record build is late, and several countermeasures depend on it.',
];

const ASKS = [
  'Help to agree one set of flow measures with commissioners so we report once.',
  'Coaching time from the Institute for our new KPO lead.',
  null,
  'A visit from another trust that has sustained its ED standard work through winter.',
];

export interface BoardDemo {
  commitments: Row[];
  checkIns: Row[];
  meetings: Row[];
  reports: Row[];
  /** Meetings whose pack the step freezes, with the instant it was published. */
  published: Array<{ id: string; month: string; heldOn: string; publishedAt: string }>;
}

/** The second Thursday of a month: when the board meets about the month before. */
export function boardDay(month: string): string {
  const first = `${month}-01`;
  return addDays(first, ((4 - isoWeekday(first) + 7) % 7) + 7);
}

export function buildBoardDemo(
  trusts: readonly SeededTrust[],
  users: ReadonlyMap<string, string>,
  today: string,
  random: () => number,
): BoardDemo {
  const demo: BoardDemo = { commitments: [], checkIns: [], meetings: [], reports: [], published: [] };
  const id = () => seededUuid(random);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  // Two different items, in a random order.
  const twoOf = <T>(items: readonly T[]): T[] => {
    const first = Math.floor(random() * items.length);
    return [items[first], items[(first + 1 + Math.floor(random() * (items.length - 1))) % items.length]];
  };
  const userId = (email: string) => users.get(email) ?? null;
  const admin = userId('admin@example.nhs.uk');
  const regulator = userId('regulator@example.nhs.uk');
  const thisMonth = monthOf(today);
  const months: string[] = [];
  for (let m = previousMonth(thisMonth), i = 0; i < 6; i++, m = previousMonth(m)) months.unshift(m);
  const agreedOn = `${addDays(`${months[0]}-01`, -14)}T09:00:00.000Z`;
  // Nothing is stamped later than yesterday morning, so the history never runs ahead of the clock.
  const latest = `${addDays(today, -1)}T09:00:00.000Z`;
  const notAfterNow = (instant: string) => (instant < latest ? instant : latest);

  const missedNotes = new Map<string, string>();
  for (const c of COMPACT) {
    const commitmentId = id();
    missedNotes.set(commitmentId, c.missed);
    demo.commitments.push({
      id: commitmentId,
      party: c.party,
      category: c.category,
      text: c.text,
      active: c.active ?? true,
      created_by: admin,
      created_at: agreedOn,
    });
  }

  // Most commitments are kept most months; a few are not, and those go to the board.
  for (const month of months) {
    const checkedOn = notAfterNow(`${addDays(`${nextMonth(month)}-01`, 2)}T10:00:00.000Z`);
    const checkIn = (commitment: Row, trustId: string | null, by: string | null) => {
      const roll = random();
      const status: CheckInStatus = roll < 0.9 ? 'met' : roll < 0.96 ? 'partly_met' : 'not_met';
      demo.checkIns.push({
        id: id(),
        commitment_id: commitment.id,
        month,
        trust_id: trustId,
        status,
        note: status === 'met' ? null : (missedNotes.get(commitment.id as string) ?? null),
        created_by: by,
        created_at: checkedOn,
      });
    };
    for (const commitment of demo.commitments.filter((c) => c.active)) {
      if (commitment.party === 'all' || commitment.party === 'trust') {
        for (const trust of trusts) {
          const by = userId(`${random() < 0.6 ? 'ceo' : 'kpo'}.${trust.code.toLowerCase()}@example.nhs.uk`);
          checkIn(commitment, trust.id, by);
        }
      }
      if (commitment.party === 'all' || commitment.party === 'regulator') checkIn(commitment, null, regulator);
    }
  }

  // Every month has something for the board to discuss openly, as every real month did.
  for (const month of months) {
    const ofMonth = demo.checkIns.filter((c) => c.month === month);
    if (ofMonth.some((c) => c.status !== 'met')) continue;
    const chosen = pick(ofMonth);
    chosen.status = 'partly_met';
    chosen.note = missedNotes.get(chosen.commitment_id as string) ?? null;
  }

  // Three published meetings about the last three months, and a draft about this month.
  for (const month of months.slice(-3)) {
    const heldOn = boardDay(nextMonth(month));
    const meetingId = id();
    // The pack goes out five days before the meeting, after the reports are in.
    const publishedAt = notAfterNow(`${addDays(heldOn, -5)}T09:00:00.000Z`);
    demo.meetings.push({
      id: meetingId,
      month,
      held_on: heldOn,
      created_by: admin,
      created_at: `${month}-01T09:00:00.000Z`,
    });
    demo.published.push({ id: meetingId, month, heldOn, publishedAt });
    for (const trust of trusts) {
      const fill = (text: string) =>
        text
          .replace('{stream}', pick(['emergency department', 'outpatient']))
          .replace('{ideas}', String(3 + Math.floor(random() * 9)));
      demo.reports.push({
        id: id(),
        meeting_id: meetingId,
        trust_id: trust.id,
        progress: twoOf(PROGRESS).map(fill).join('\n\n'),
        challenges: pick(CHALLENGES),
        asks: pick(ASKS),
        created_by: userId(`ceo.${trust.code.toLowerCase()}@example.nhs.uk`),
        created_at: notAfterNow(`${addDays(heldOn, -8)}T08:00:00.000Z`),
      });
    }
  }
  demo.meetings.push({
    id: id(),
    month: thisMonth,
    held_on: boardDay(nextMonth(thisMonth)),
    created_by: admin,
    created_at: `${thisMonth}-01T09:00:00.000Z`,
  });
  return demo;
}

const COLUMNS = {
  compact_commitments: {
    id: 'uuid',
    party: 'text',
    category: 'text',
    text: 'text',
    active: 'boolean',
    created_by: 'uuid',
    created_at: 'timestamptz',
  },
  compact_check_ins: {
    id: 'uuid',
    commitment_id: 'uuid',
    month: 'text',
    trust_id: 'uuid',
    status: 'text',
    note: 'text',
    created_by: 'uuid',
    created_at: 'timestamptz',
  },
  board_meetings: { id: 'uuid', month: 'text', held_on: 'date', created_by: 'uuid', created_at: 'timestamptz' },
  trust_reports: {
    id: 'uuid',
    meeting_id: 'uuid',
    trust_id: 'uuid',
    progress: 'text',
    challenges: 'text',
    asks: 'text',
    created_by: 'uuid',
    created_at: 'timestamptz',
  },
} as const;

async function insertRows(em: EntityManager, table: keyof typeof COLUMNS, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(COLUMNS[table]);
  const names = columns.map(([name]) => name).join(', ');
  await em.query(
    `INSERT INTO ${table} (${names}, updated_at)
     SELECT ${names}, created_at FROM jsonb_to_recordset($1::jsonb) AS x(${columns.map(([n, type]) => `${n} ${type}`).join(', ')})`,
    [JSON.stringify(rows)],
  );
}

/**
 * The rollups as the dashboards would show them, inside the seed's transaction: earlier steps leave
 * marks for the worker, but a published pack is frozen now. RollupRepository.rebuildAll runs in
 * `db.transaction`, which an EntityManager of a running transaction offers too (as a savepoint).
 */
async function bringRollupsUpToDate(em: EntityManager): Promise<void> {
  const [{ pending }] = await em.query(`SELECT count(*)::int AS pending FROM rollup_marks`);
  if (pending > 0) await new RollupRepository(em as unknown as DataSource).rebuildAll();
}

export const boardSeed: SeedStep = {
  name: 'the Compact, check-ins, board meetings and published packs',
  async run(ctx: SeedContext) {
    // Its own generator, so the board's demo stays the same when other steps change.
    const demo = buildBoardDemo(ctx.trusts, ctx.users, ctx.today, seededRandom(20151015));
    await insertRows(ctx.em, 'compact_commitments', demo.commitments);
    await insertRows(ctx.em, 'compact_check_ins', demo.checkIns);
    await insertRows(ctx.em, 'board_meetings', demo.meetings);
    await insertRows(ctx.em, 'trust_reports', demo.reports);
    await bringRollupsUpToDate(ctx.em);
    const reader = new BoardPackRepository();
    const admin = ctx.users.get('admin@example.nhs.uk') ?? null;
    for (const meeting of demo.published) {
      const inputs = await reader.loadInputs(
        ctx.em,
        { id: meeting.id, month: meeting.month, heldOn: meeting.heldOn },
        rollupFiguresIn(ctx.em),
        {
          generatedAt: meeting.publishedAt,
          publishedAt: meeting.publishedAt,
        },
      );
      await ctx.em.query(`INSERT INTO board_pack_snapshots (meeting_id, pack, built_at) VALUES ($1, $2, $3)`, [
        meeting.id,
        JSON.stringify(buildBoardPack(inputs)),
        meeting.publishedAt,
      ]);
      await ctx.em.query(
        `UPDATE board_meetings SET published_at = $2, publish_requested_at = $2, publish_requested_by = $3, version = 2 WHERE id = $1`,
        [meeting.id, meeting.publishedAt, admin],
      );
    }
    const notMet = demo.checkIns.filter((c) => c.status !== 'met').length;
    ctx.log(
      `${demo.commitments.length} Compact commitments, ${demo.checkIns.length} check-ins (${notMet} not fully met), ` +
        `${demo.meetings.length} board meetings (${demo.published.length} published) with ${demo.reports.length} reports`,
    );
  },
};
