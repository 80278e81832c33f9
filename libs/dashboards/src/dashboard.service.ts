// The trust and programme dashboards (SPEC §3, §4): figures from rollups, every period of the range,
// all eight wastes, SPC of the weekly minutes, and how fresh the rollups are.
import { type Actor, assertVisible } from '@app/auth';
import { Environment } from '@app/config';
import { acrossTrusts } from '@app/database';
import { analyseSpc, type Granularity, type SpcResult, todayIn } from '@app/domain';
import { BadRequestException, Injectable } from '@nestjs/common';
import {
  DashboardRangeError,
  fillSeries,
  fillWasteTypes,
  type Figures,
  resolveRange,
  type SeriesPoint,
  type WasteTypeFigures,
  zeroFigures,
} from './dashboard-range';
import { DashboardRepository, type Freshness } from './dashboard.repository';

export interface DashboardQuery {
  from?: string;
  to?: string;
  granularity?: Granularity;
}

export interface TrustDashboard {
  trustId: string;
  from: string;
  to: string;
  granularity: Granularity;
  totals: Figures;
  byWasteType: WasteTypeFigures[];
  series: SeriesPoint[];
  spc: { minutesLost: SpcResult; minutesEliminated: SpcResult };
  freshness: Freshness;
}

export interface ProgrammeDashboard {
  from: string;
  to: string;
  granularity: Granularity;
  totals: Figures;
  trusts: { trustId: string; code: string; name: string; totals: Figures }[];
  series: SeriesPoint[];
  freshness: Freshness;
}

@Injectable()
export class DashboardService {
  constructor(
    private readonly dashboards: DashboardRepository,
    private readonly env: Environment,
  ) {}

  /** Any signed-in role; a trust role only its own trust (another trust answers 404). */
  async trust(actor: Actor, trustId: string, query: DashboardQuery): Promise<TrustDashboard> {
    const trust = await this.dashboards.trust(trustId);
    assertVisible(actor, trust && { trustId: trust.id }, 'trust');
    const range = this.range(query);
    const figures = await this.dashboards.trustFigures(trustId, range.from, range.to, range.granularity);
    // SPC runs on ISO weeks whatever the granularity asked, as Making Data Count charts do.
    const weeks = fillSeries(range, figures.weekly, 'week');
    return {
      trustId,
      ...range,
      totals: figures.totals,
      byWasteType: fillWasteTypes(figures.wasteTypes),
      series: fillSeries(range, figures.series),
      spc: {
        minutesLost: analyseSpc(
          weeks.map((w) => ({ periodStart: w.periodStart, value: w.minutesLost })),
          { improvementDirection: 'down' },
        ),
        minutesEliminated: analyseSpc(
          weeks.map((w) => ({ periodStart: w.periodStart, value: w.minutesEliminated })),
          { improvementDirection: 'up' },
        ),
      },
      freshness: figures.freshness,
    };
  }

  /** Any signed-in role: the programme totals, each trust's totals and the programme series. */
  async programme(query: DashboardQuery): Promise<ProgrammeDashboard> {
    const range = this.range(query);
    // Programme figures are for every role (SPEC §4), a trust role included: they read every trust's
    // rollups, so they ask the database for the whole programme by name.
    const [figures, trusts] = await acrossTrusts('programme dashboard', () =>
      Promise.all([
        this.dashboards.programmeFigures(range.from, range.to, range.granularity),
        this.dashboards.trusts(),
      ]),
    );
    return {
      ...range,
      totals: figures.totals,
      trusts: trusts.map((t) => ({
        trustId: t.id,
        code: t.code,
        name: t.name,
        totals: figures.byTrust.get(t.id) ?? zeroFigures(),
      })),
      series: fillSeries(range, figures.series),
      freshness: figures.freshness,
    };
  }

  private range(query: DashboardQuery) {
    try {
      return resolveRange(query, todayIn(this.env.TZ));
    } catch (error) {
      if (error instanceof DashboardRangeError) throw new BadRequestException(error.problems);
      throw error;
    }
  }
}
