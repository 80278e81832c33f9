// The board pack's JSON (GET /api/board-meetings/{id}/pack). The only API shape still written by hand:
// apps/api/openapi.json declares no schema for the pack's 200 yet (issue 16 item 2 adds it); once it
// does, these become aliases of the generated schema like api/models.ts.
import type { CheckInStatus, CompactCategory, CompactParty, MeasureDirection } from '@app/domain';
import type { FigureChange, PointType, RollupTotals, TrustReport } from '../../api/models';
import type { Assurance, Variation } from '../../charts/mdc';

export type { TrustReport };

export interface PackFigureSet {
  month: RollupTotals;
  previousMonth: RollupTotals;
  yearToDate: RollupTotals;
}

export interface PackMeasure {
  measureId: string;
  name: string;
  unit: string;
  improvementDirection: MeasureDirection;
  target: number | null;
  latest: { periodStart: string; value: number } | null;
  pointCount: number;
  mean: number | null;
  upperProcessLimit: number | null;
  lowerProcessLimit: number | null;
  variation: Variation | null;
  assurance: Assurance | null;
  warnings: string[];
  recentPoints: { periodStart: string; value: number; pointType: PointType }[];
}

export interface PackMap {
  mapId: string;
  title: string;
  mappedOn: string;
  leadTimeMinutes: number;
  valueAddedMinutes: number;
  processCycleEfficiency: number | null;
}

export interface PackTrust {
  trustId: string;
  code: string;
  name: string;
  report: TrustReport | null;
  figures: PackFigureSet;
  measures: PackMeasure[];
  valueStreams: {
    valueStreamId: string;
    name: string;
    current: PackMap | null;
    future: PackMap | null;
    processCycleEfficiencyChange: FigureChange;
  }[];
}

export interface PackDiscussionItem {
  checkInId: string;
  commitmentId: string;
  commitmentText: string;
  party: CompactParty;
  category: CompactCategory;
  trustId: string | null;
  trustCode: string | null;
  trustName: string | null;
  status: Exclude<CheckInStatus, 'met'>;
  note: string | null;
}

export interface BoardPack {
  meetingId: string;
  month: string;
  heldOn: string | null;
  published: boolean;
  publishedAt: string | null;
  generatedAt: string;
  periods: {
    month: { from: string; to: string; month: string };
    previousMonth: { from: string; to: string; month: string };
    yearToDate: { from: string; to: string };
  };
  pendingChanges: number;
  trusts: PackTrust[];
  programme: { figures: PackFigureSet };
  compactDiscussion: PackDiscussionItem[];
}
