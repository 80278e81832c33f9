import { addDays, validateWasteRow, type WasteRowInput } from '@app/domain';
import { seededRandom } from './random';
import { buildWasteDemo, type DemoEvent, type DemoValueStream, WASTE_DEMO_DAYS } from './waste.seed';

const TODAY = '2026-11-26';
const trusts = ['RXW', 'RTP', 'RF4', 'RR8', 'RKB'].map((code, i) => ({ id: `trust-${i}`, code, name: code }));
const users = new Map(trusts.map((t) => [`team.${t.code.toLowerCase()}@example.nhs.uk`, `team-${t.code}`]));
const streams: DemoValueStream[] = trusts.flatMap((t) => [
  { id: `${t.id}-ed`, trustId: t.id, stepIds: [`${t.id}-ed-1`, `${t.id}-ed-2`] },
  { id: `${t.id}-op`, trustId: t.id, stepIds: [`${t.id}-op-1`] },
]);
// Each trust's ED stream gets a sustained RPIW a year ago; trust 0's outpatients one that was abandoned.
const RPIW_END = addDays(TODAY, -365);
const events: DemoEvent[] = [
  ...trusts.map((t) => ({
    id: `${t.id}-rpiw`,
    trustId: t.id,
    valueStreamId: `${t.id}-ed`,
    startDate: addDays(RPIW_END, -4),
    endDate: RPIW_END,
    status: 'sustained',
  })),
  {
    id: 'abandoned',
    trustId: 'trust-0',
    valueStreamId: 'trust-0-op',
    startDate: addDays(TODAY, -200),
    endDate: addDays(TODAY, -180),
    status: 'abandoned',
  },
];
const build = () => buildWasteDemo(trusts, streams, events, users, TODAY, seededRandom(7));

describe('waste demo data', () => {
  const demo = build();
  const n = demo.trustId.length;
  const rows = Array.from({ length: n }, (_, i) => i);

  it('is the same on every run', () => {
    expect(build()).toEqual(demo);
  });

  it('gives at least 20,000 records over two years ending today, for every trust', () => {
    expect(n).toBeGreaterThanOrEqual(20_000);
    for (const trust of trusts) expect(demo.trustId.filter((id) => id === trust.id).length).toBeGreaterThan(3000);
    const days = [...demo.observedOn].sort();
    expect(days[0]).toBe(addDays(TODAY, -(WASTE_DEMO_DAYS - 1)));
    expect(days[n - 1]).toBe(TODAY);
  });

  it('obeys the field rules of the API for every record', () => {
    for (const i of rows) {
      const row: WasteRowInput = {
        observedOn: demo.observedOn[i],
        wasteType: demo.wasteType[i],
        description: demo.description[i],
        minutesLost: demo.minutesLost[i],
        occurrences: demo.occurrences[i],
        patientImpact: demo.patientImpact[i],
        status: demo.status[i],
        eliminatedOn: demo.eliminatedOn[i],
        valueStreamId: null,
      };
      expect(validateWasteRow(row, TODAY)).toEqual([]);
      expect(demo.eliminatedOn[i] !== null).toBe(demo.status[i] === 'eliminated');
    }
  });

  it('logs more waste in winter than in summer', () => {
    const perMonth = (months: string[]) =>
      rows.filter((i) => months.includes(demo.observedOn[i].slice(5, 7))).length / months.length;
    expect(perMonth(['12', '01', '02'])).toBeGreaterThan(1.5 * perMonth(['06', '07', '08']));
  });

  it('drifts down on a value stream after its event took effect', () => {
    const onEd = (from: string, to: string) =>
      rows.filter(
        (i) => demo.valueStreamId[i]?.endsWith('-ed') && demo.observedOn[i] > from && demo.observedOn[i] <= to,
      );
    // The same calendar months a year apart, so winter pressure cancels out.
    const before = onEd(addDays(RPIW_END, -365), RPIW_END);
    const after = onEd(RPIW_END, TODAY);
    expect(after.length).toBeLessThan(0.75 * before.length);
    const minutes = (ids: number[]) => ids.reduce((sum, i) => sum + demo.minutesLost[i] * demo.occurrences[i], 0);
    expect(minutes(after)).toBeLessThan(0.7 * minutes(before));
  });

  it('has eliminated a share, the waste an event took on at its end', () => {
    const eliminated = rows.filter((i) => demo.status[i] === 'eliminated');
    expect(eliminated.length / n).toBeGreaterThan(0.2);
    expect(eliminated.length / n).toBeLessThan(0.6);
    for (const i of eliminated) {
      expect(demo.eliminatedOn[i]! >= demo.observedOn[i]).toBe(true);
      expect(demo.eliminatedOn[i]! <= TODAY).toBe(true);
    }
    const linked = rows.filter((i) => demo.improvementEventId[i]);
    expect(linked.length).toBeGreaterThan(50);
    for (const i of linked) {
      const event = events.find((e) => e.id === demo.improvementEventId[i])!;
      expect(event.status).not.toBe('abandoned');
      expect([event.trustId, event.valueStreamId]).toEqual([demo.trustId[i], demo.valueStreamId[i]]);
      expect(demo.observedOn[i] <= event.startDate).toBe(true);
    }
    expect(
      linked.filter((i) => demo.status[i] === 'eliminated' && demo.eliminatedOn[i]! >= RPIW_END).length,
    ).toBeGreaterThan(0.6 * linked.length);
  });

  it('puts map steps only on records of their own value stream', () => {
    for (const i of rows.filter((r) => demo.mapStepId[r]))
      expect(demo.mapStepId[i]!.startsWith(demo.valueStreamId[i]!)).toBe(true);
  });
});
