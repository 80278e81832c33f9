import { addDays, computeMapMetrics, EVENT_KINDS, EVENT_STATUSES, type StepClassification } from '@app/domain';
import { buildImprovementDemo, seededUuid } from './improvement.seed';
import { seededRandom } from './random';

const TODAY = '2026-11-26';
const trusts = ['RXW', 'RTP', 'RF4', 'RR8', 'RKB'].map((code, i) => ({ id: `trust-${i}`, code, name: code }));
const users = new Map(
  trusts.flatMap((t) => ['kpo', 'team'].map((p) => [`${p}.${t.code.toLowerCase()}@example.nhs.uk`, `${p}-${t.code}`])),
);
const build = () => buildImprovementDemo(trusts, users, TODAY, seededRandom(20150701));

describe('improvement demo data', () => {
  const demo = build();

  it('is the same on every run', () => {
    expect(build()).toEqual(demo);
  });

  it('gives every trust an ED and an outpatient value stream, each with a current and a future map of 8-12 steps', () => {
    expect(demo.valueStreams).toHaveLength(10);
    for (const trust of trusts) {
      const names = demo.valueStreams.filter((v) => v.trust_id === trust.id).map((v) => v.name);
      expect(names).toEqual(['Emergency department to ward admission', 'Outpatient referral to first appointment']);
    }
    expect(demo.maps).toHaveLength(20);
    for (const stream of demo.valueStreams) {
      const maps = demo.maps.filter((m) => m.value_stream_id === stream.id);
      expect(maps.map((m) => m.state)).toEqual(['current', 'future']);
      expect(maps.every((m) => m.trust_id === stream.trust_id && (m.mapped_on as string) <= TODAY)).toBe(true);
      const metrics = maps.map((map) => {
        const steps = demo.steps.filter((s) => s.map_id === map.id);
        expect(steps.length).toBeGreaterThanOrEqual(8);
        expect(steps.length).toBeLessThanOrEqual(12);
        expect(steps.map((s) => s.position)).toEqual(steps.map((_, i) => i + 1));
        for (const s of steps) {
          expect(s.wait_time_minutes).toBeGreaterThanOrEqual(0);
          expect(s.cycle_time_minutes).toBeGreaterThan(0);
          expect(s.percent_complete_accurate).toBeGreaterThanOrEqual(0);
          expect(s.percent_complete_accurate).toBeLessThanOrEqual(100);
        }
        return computeMapMetrics(
          steps.map((s) => ({
            waitTimeMinutes: s.wait_time_minutes as number,
            cycleTimeMinutes: s.cycle_time_minutes as number,
            classification: s.classification as StepClassification,
            percentCompleteAccurate: s.percent_complete_accurate as number,
          })),
          {
            demandPerDay: stream.demand_per_day as number,
            availableMinutesPerDay: stream.available_minutes_per_day as number,
          },
        );
      });
      // The future state is shorter, more efficient and more often right first time.
      expect(metrics[1].leadTimeMinutes).toBeLessThan(metrics[0].leadTimeMinutes);
      expect(metrics[1].processCycleEfficiency ?? 0).toBeGreaterThan(metrics[0].processCycleEfficiency ?? 0);
      expect(metrics[1].rolledPercentCompleteAccurate).toBeGreaterThan(metrics[0].rolledPercentCompleteAccurate);
    }
  });

  it('spreads about forty events of every kind over the last two years, with consistent dates and statuses', () => {
    expect(demo.events).toHaveLength(40);
    expect(new Set(demo.events.map((e) => e.kind))).toEqual(new Set(EVENT_KINDS));
    for (const e of demo.events) {
      const start = e.start_date as string;
      const end = e.end_date as string | null;
      expect(start >= addDays(TODAY, -730) && start <= TODAY).toBe(true);
      if (end !== null) expect(end >= start && end <= TODAY).toBe(true);
      expect(EVENT_STATUSES).toContain(e.status);
      if (['follow_up', 'sustained', 'closed', 'abandoned'].includes(e.status as string)) expect(end).not.toBeNull();
      if (e.status === 'in_progress' || e.status === 'planned') expect(end).toBeNull();
      if (e.kind === 'rpiw' && end) expect(end).toBe(addDays(start, 4));
    }
    const statuses = new Set(demo.events.map((e) => e.status));
    for (const status of ['in_progress', 'follow_up', 'sustained', 'closed']) expect(statuses).toContain(status);
  });

  it('reports follow-ups at 30/60/90 days on metrics of the same event, never in the future', () => {
    expect(demo.followUps.length).toBeGreaterThan(40);
    for (const f of demo.followUps) {
      const event = demo.events.find((e) => e.id === f.event_id);
      expect(event?.trust_id).toBe(f.trust_id);
      expect([30, 60, 90]).toContain(f.checkpoint_day);
      expect((f.measured_on as string) <= TODAY).toBe(true);
      expect((f.measured_on as string) >= addDays(event?.end_date as string, f.checkpoint_day as number)).toBe(true);
      const metricIds = demo.metrics.filter((m) => m.event_id === f.event_id).map((m) => m.id);
      const results = f.results as Array<{ metricId: string; value: number }>;
      expect(results.map((r) => r.metricId).sort()).toEqual([...metricIds].sort());
      expect(results.every((r) => Number.isFinite(r.value) && r.value >= 0)).toBe(true);
    }
    const rpiwDays = demo.followUps
      .filter((f) => demo.events.find((e) => e.id === f.event_id)?.kind === 'rpiw')
      .map((f) => f.checkpoint_day);
    expect(new Set(rpiwDays)).toEqual(new Set([30, 60, 90]));
  });

  it('gives every trust three measures with 24 consecutive months ending last month', () => {
    expect(demo.measures).toHaveLength(15);
    for (const measure of demo.measures) {
      const points = demo.points.filter((p) => p.measure_id === measure.id).map((p) => p.period_start as string);
      expect(points).toHaveLength(24);
      expect(points[0]).toBe('2024-11-01');
      expect(points[23]).toBe('2026-10-01');
      expect(new Set(points).size).toBe(24);
    }
  });

  it('makes version-4 UUIDs', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 50; i++)
      expect(seededUuid(random)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
