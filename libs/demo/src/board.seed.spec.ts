import { isoWeekday, monthOf, previousMonth } from '@app/domain';
import { boardDay, buildBoardDemo, COMPACT } from './board.seed';
import { seededRandom } from './random';

const TODAY = '2026-11-26';
const trusts = ['RXW', 'RTP', 'RF4', 'RR8', 'RKB'].map((code, i) => ({ id: `trust-${i}`, code, name: code }));
const users = new Map<string, string>([
  ['admin@example.nhs.uk', 'admin'],
  ['regulator@example.nhs.uk', 'regulator'],
  ...trusts.flatMap((t) =>
    ['ceo', 'kpo'].map((p): [string, string] => [`${p}.${t.code.toLowerCase()}@example.nhs.uk`, `${p}-${t.code}`]),
  ),
]);
const build = (today = TODAY) => buildBoardDemo(trusts, users, today, seededRandom(20151015));

describe('board demo data', () => {
  const demo = build();
  const party = new Map(demo.commitments.map((c) => [c.id, c.party]));

  it('is the same on every run', () => {
    expect(build()).toEqual(demo);
  });

  it('holds at least ten commitments, of every party and both categories, one of them retired', () => {
    expect(demo.commitments.length).toBeGreaterThanOrEqual(10);
    expect(new Set(COMPACT.map((c) => c.party))).toEqual(new Set(['all', 'trust', 'regulator', 'institute']));
    expect(new Set(COMPACT.map((c) => c.category))).toEqual(new Set(['behaviour', 'responsibility']));
    expect(demo.commitments.filter((c) => !c.active)).toHaveLength(1);
    expect(COMPACT.every((c) => c.text.length <= 1000)).toBe(true);
  });

  it('checks in for the six months before this one, each party on the active commitments that bind it', () => {
    const months = [...new Set(demo.checkIns.map((c) => c.month))].sort();
    expect(months).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    const active = demo.commitments.filter((c) => c.active);
    const perMonth = active.reduce(
      (n, c) => n + (c.party === 'all' ? 6 : c.party === 'trust' ? 5 : c.party === 'regulator' ? 1 : 0),
      0,
    );
    for (const month of months) {
      const ofMonth = demo.checkIns.filter((c) => c.month === month);
      expect(ofMonth).toHaveLength(perMonth);
      const keys = new Set(ofMonth.map((c) => `${c.commitment_id}|${c.trust_id}`));
      expect(keys.size).toBe(perMonth);
    }
    for (const c of demo.checkIns) {
      const p = party.get(c.commitment_id);
      expect(c.trust_id === null ? ['all', 'regulator'] : ['all', 'trust']).toContain(p);
      expect(c.status === 'met' ? c.note === null : typeof c.note === 'string').toBe(true);
    }
    const notMet = demo.checkIns.filter((c) => c.status !== 'met');
    expect(notMet.length).toBeGreaterThan(0);
    expect(notMet.length).toBeLessThan(demo.checkIns.length / 5);
    expect(demo.checkIns.some((c) => c.status === 'not_met')).toBe(true);
    // every published month has something for the board to discuss
    for (const meeting of demo.published) {
      expect(notMet.some((c) => c.month === meeting.month)).toBe(true);
    }
  });

  it('publishes three meetings about the last three months with a report from every trust, and drafts this month', () => {
    expect(demo.published.map((m) => m.month)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(demo.meetings.map((m) => m.month)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    for (const meeting of demo.published) {
      const reports = demo.reports.filter((r) => r.meeting_id === meeting.id);
      expect(reports.map((r) => r.trust_id).sort()).toEqual(trusts.map((t) => t.id).sort());
      expect(reports.every((r) => String(r.progress).length <= 8000 && String(r.challenges).length > 0)).toBe(true);
      expect(meeting.publishedAt < `${TODAY}T00:00:00.000Z`).toBe(true);
      expect(meeting.heldOn > `${meeting.month}-31`).toBe(true);
    }
    const stamps = [...demo.checkIns, ...demo.reports, ...demo.commitments].map((r) => String(r.created_at));
    expect(stamps.every((s) => s < `${TODAY}T00:00:00.000Z`)).toBe(true);
  });

  it('meets on the second Thursday of the month after', () => {
    expect(boardDay('2026-11')).toBe('2026-11-12');
    expect(boardDay('2026-10')).toBe('2026-10-08');
    expect(isoWeekday(boardDay('2027-02'))).toBe(4);
    const early = build('2026-11-02');
    expect(early.published.map((m) => m.month)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(early.published.every((m) => m.publishedAt <= '2026-11-01T09:00:00.000Z')).toBe(true);
    expect(monthOf(early.meetings[3].held_on as string)).toBe('2026-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });
});
