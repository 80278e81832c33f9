// The pack's figures are the dashboards' figures: the programme dashboard's totals (rollup tables
// only) for each period of the pack, so a board member sees the same numbers on both.
import { DashboardService } from '@app/dashboards';
import { Injectable } from '@nestjs/common';
import type { PackFiguresSource } from './board-pack.repository';

@Injectable()
export class DashboardPackFigures {
  constructor(private readonly dashboards: DashboardService) {}

  readonly source: PackFiguresSource = async (from, to) => {
    const dashboard = await this.dashboards.programme({ from, to, granularity: 'month' });
    return {
      byTrust: new Map(dashboard.trusts.map((t) => [t.trustId, { ...t.totals }])),
      programme: { ...dashboard.totals },
      pendingChanges: dashboard.freshness.pendingChanges,
    };
  };
}
