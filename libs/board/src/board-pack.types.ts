// The shape of a board pack (GET /api/board-meetings/:id/pack), and of what the pack is built from.
// Every field is plain JSON (strings, numbers, null), so a stored snapshot parses back to the same pack.
import type {
  Assurance,
  CheckInStatus,
  CompactCategory,
  CompactParty,
  FigureChange,
  MapStepInput,
  MeasureDirection,
  PointType,
  Variation,
} from '@app/domain';

/** SPEC §3 rollup totals over a range of days. */
export interface PackFigures {
  wasteRecords: number;
  occurrences: number;
  minutesLost: number;
  minutesEliminated: number;
  eventsCompleted: number;
  eventsSustained: number;
  ideas: number;
}

export interface PackRange {
  from: string;
  to: string;
}

export interface PackPeriods {
  month: PackRange & { month: string };
  previousMonth: PackRange & { month: string };
  /** Calendar year to the end of the month. */
  yearToDate: PackRange;
}

export interface PackFigureSet {
  month: PackFigures;
  previousMonth: PackFigures;
  yearToDate: PackFigures;
}

export interface PackReport {
  progress: string;
  challenges: string;
  asks: string | null;
  version: number;
  updatedAt: string;
}

export interface PackMeasure {
  measureId: string;
  name: string;
  unit: string;
  improvementDirection: MeasureDirection;
  target: number | null;
  /** The latest point up to the end of the month. */
  latest: { periodStart: string; value: number } | null;
  pointCount: number;
  mean: number | null;
  upperProcessLimit: number | null;
  lowerProcessLimit: number | null;
  variation: Variation | null;
  assurance: Assurance | null;
  warnings: string[];
  /** The last points (at most RECENT_POINTS) with their SPC type, for the sparkline. */
  recentPoints: Array<{ periodStart: string; value: number; pointType: PointType }>;
}

export interface PackMap {
  mapId: string;
  title: string;
  mappedOn: string;
  leadTimeMinutes: number;
  valueAddedMinutes: number;
  /** Value-added share of lead time, 0-1; null when lead time is 0. */
  processCycleEfficiency: number | null;
}

export interface PackValueStream {
  valueStreamId: string;
  name: string;
  /** The latest map of each state mapped by the end of the month. */
  current: PackMap | null;
  future: PackMap | null;
  /** Future against current (absolute in PCE units, percent of current); nulls without both maps. */
  processCycleEfficiencyChange: FigureChange;
}

export interface PackTrust {
  trustId: string;
  code: string;
  name: string;
  report: PackReport | null;
  figures: PackFigureSet;
  measures: PackMeasure[];
  valueStreams: PackValueStream[];
}

export interface PackDiscussionItem {
  checkInId: string;
  commitmentId: string;
  commitmentText: string;
  party: CompactParty;
  category: CompactCategory;
  /** The trust that checked in; null when it was the regulator. */
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
  /** Whether this is the frozen, published pack (false: a live draft built on this read). */
  published: boolean;
  publishedAt: string | null;
  generatedAt: string;
  periods: PackPeriods;
  /** Committed changes the rollups did not yet include when the pack was built (days up to the month's end). */
  pendingChanges: number;
  trusts: PackTrust[];
  programme: { figures: PackFigureSet };
  compactDiscussion: PackDiscussionItem[];
}

// ---- inputs: what the reader loads and the pure builder turns into a pack ----

export interface PackInputMeasure {
  id: string;
  trustId: string;
  name: string;
  unit: string;
  improvementDirection: MeasureDirection;
  target: number | null;
  trendLength: number;
  shiftLength: number;
  /** Points up to the end of the month, any order. */
  points: Array<{ periodStart: string; value: number }>;
}

export interface PackInputMap {
  id: string;
  state: 'current' | 'future';
  title: string;
  mappedOn: string;
  steps: MapStepInput[];
}

export interface PackInputValueStream {
  id: string;
  trustId: string;
  name: string;
  demandPerDay: number | null;
  availableMinutesPerDay: number | null;
  /** The latest map of each state mapped by the end of the month. */
  maps: PackInputMap[];
}

export interface PackInputCheckIn {
  id: string;
  commitmentId: string;
  commitmentText: string;
  party: CompactParty;
  category: CompactCategory;
  trustId: string | null;
  status: CheckInStatus;
  note: string | null;
}

export interface BoardPackInputs {
  meeting: { id: string; month: string; heldOn: string | null };
  generatedAt: string;
  /** Set when building the snapshot to publish. */
  publishedAt: string | null;
  trusts: Array<{ id: string; code: string; name: string }>;
  reports: Array<{
    trustId: string;
    progress: string;
    challenges: string;
    asks: string | null;
    version: number;
    updatedAt: string;
  }>;
  /** Rollup totals per trust id, and for the whole programme, for each period of the pack. */
  figures: Record<keyof PackFigureSet, { byTrust: Map<string, PackFigures>; programme: PackFigures }>;
  measures: PackInputMeasure[];
  valueStreams: PackInputValueStream[];
  /** The month's check-ins (any status). */
  checkIns: PackInputCheckIn[];
  pendingChanges: number;
}
