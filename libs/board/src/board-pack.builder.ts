// Pure: turns what the reader loaded (reports, rollup totals, measure points, maps, check-ins) into
// the board pack. The API (live draft), the board-pack job (snapshot) and the demo seed all build
// packs here, so a draft and its published snapshot can only differ by what changed in the data.
import {
  analyseSpc,
  compareMapMetrics,
  computeMapMetrics,
  type MapMetrics,
  monthRange,
  previousMonth,
  yearToDate,
} from '@app/domain';
import type {
  BoardPack,
  BoardPackInputs,
  PackDiscussionItem,
  PackFigures,
  PackFigureSet,
  PackInputMap,
  PackInputMeasure,
  PackInputValueStream,
  PackMap,
  PackMeasure,
  PackPeriods,
  PackValueStream,
} from './board-pack.types';

/** Points of a measure the pack carries for its sparkline. */
export const RECENT_POINTS = 24;

export const ZERO_FIGURES: Readonly<PackFigures> = Object.freeze({
  wasteRecords: 0,
  occurrences: 0,
  minutesLost: 0,
  minutesEliminated: 0,
  eventsCompleted: 0,
  eventsSustained: 0,
  ideas: 0,
});

/** The month, the month before and the calendar year to the month's end. */
export function packPeriods(month: string): PackPeriods {
  const previous = previousMonth(month);
  return {
    month: { month, ...monthRange(month) },
    previousMonth: { month: previous, ...monthRange(previous) },
    yearToDate: yearToDate(month),
  };
}

export function buildBoardPack(inputs: BoardPackInputs): BoardPack {
  const { meeting } = inputs;
  const reports = new Map(inputs.reports.map((r) => [r.trustId, r]));
  const trustFigures = (trustId: string): PackFigureSet => ({
    month: { ...(inputs.figures.month.byTrust.get(trustId) ?? ZERO_FIGURES) },
    previousMonth: { ...(inputs.figures.previousMonth.byTrust.get(trustId) ?? ZERO_FIGURES) },
    yearToDate: { ...(inputs.figures.yearToDate.byTrust.get(trustId) ?? ZERO_FIGURES) },
  });
  const trustsById = new Map(inputs.trusts.map((t) => [t.id, t]));

  return {
    meetingId: meeting.id,
    month: meeting.month,
    heldOn: meeting.heldOn,
    published: inputs.publishedAt !== null,
    publishedAt: inputs.publishedAt,
    generatedAt: inputs.generatedAt,
    periods: packPeriods(meeting.month),
    pendingChanges: inputs.pendingChanges,
    trusts: inputs.trusts.map((trust) => {
      const report = reports.get(trust.id);
      return {
        trustId: trust.id,
        code: trust.code,
        name: trust.name,
        report: report
          ? {
              progress: report.progress,
              challenges: report.challenges,
              asks: report.asks,
              version: report.version,
              updatedAt: report.updatedAt,
            }
          : null,
        figures: trustFigures(trust.id),
        measures: inputs.measures
          .filter((m) => m.trustId === trust.id)
          .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id))
          .map(packMeasure),
        valueStreams: inputs.valueStreams
          .filter((v) => v.trustId === trust.id)
          .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id))
          .map(packValueStream),
      };
    }),
    programme: {
      figures: {
        month: { ...inputs.figures.month.programme },
        previousMonth: { ...inputs.figures.previousMonth.programme },
        yearToDate: { ...inputs.figures.yearToDate.programme },
      },
    },
    compactDiscussion: inputs.checkIns
      .filter((c) => c.status !== 'met')
      .map((c): PackDiscussionItem => {
        const trust = c.trustId ? trustsById.get(c.trustId) : undefined;
        return {
          checkInId: c.id,
          commitmentId: c.commitmentId,
          commitmentText: c.commitmentText,
          party: c.party,
          category: c.category,
          trustId: c.trustId,
          trustCode: trust?.code ?? null,
          trustName: trust?.name ?? null,
          status: c.status as PackDiscussionItem['status'],
          note: c.note,
        };
      })
      // The regulator first, then trusts by code; within a party, not met before partly met.
      .sort(
        (a, b) =>
          compareText(a.trustCode ?? '', b.trustCode ?? '') ||
          compareText(a.status, b.status) ||
          compareText(a.commitmentText, b.commitmentText) ||
          compareText(a.checkInId, b.checkInId),
      ),
  };
}

function packMeasure(measure: PackInputMeasure): PackMeasure {
  const spc = analyseSpc(measure.points, {
    improvementDirection: measure.improvementDirection,
    target: measure.target,
    trendLength: measure.trendLength,
    shiftLength: measure.shiftLength,
  });
  const last = spc.points[spc.points.length - 1];
  return {
    measureId: measure.id,
    name: measure.name,
    unit: measure.unit,
    improvementDirection: measure.improvementDirection,
    target: measure.target,
    latest: last ? { periodStart: last.periodStart, value: last.value } : null,
    pointCount: spc.points.length,
    mean: spc.mean,
    upperProcessLimit: spc.upperProcessLimit,
    lowerProcessLimit: spc.lowerProcessLimit,
    variation: spc.variation,
    assurance: spc.assurance,
    warnings: spc.warnings,
    recentPoints: spc.points
      .slice(-RECENT_POINTS)
      .map(({ periodStart, value, pointType }) => ({ periodStart, value, pointType })),
  };
}

function packValueStream(stream: PackInputValueStream): PackValueStream {
  const rates = { demandPerDay: stream.demandPerDay, availableMinutesPerDay: stream.availableMinutesPerDay };
  const latest = (state: 'current' | 'future') =>
    stream.maps
      .filter((m) => m.state === state)
      .sort((a, b) => compareText(b.mappedOn, a.mappedOn) || compareText(a.id, b.id))[0];
  const summary = (map: PackInputMap | undefined): { pack: PackMap; metrics: MapMetrics } | null => {
    if (!map) return null;
    const metrics = computeMapMetrics(map.steps, rates);
    return {
      metrics,
      pack: {
        mapId: map.id,
        title: map.title,
        mappedOn: map.mappedOn,
        leadTimeMinutes: metrics.leadTimeMinutes,
        valueAddedMinutes: metrics.valueAddedMinutes,
        processCycleEfficiency: metrics.processCycleEfficiency,
      },
    };
  };
  const current = summary(latest('current'));
  const future = summary(latest('future'));
  return {
    valueStreamId: stream.id,
    name: stream.name,
    current: current?.pack ?? null,
    future: future?.pack ?? null,
    processCycleEfficiencyChange:
      current && future
        ? compareMapMetrics(current.metrics, future.metrics).change.processCycleEfficiency
        : { absolute: null, percent: null },
  };
}

// Code-unit order, so a pack sorts the same on every server locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
