// The API's JSON shapes (SPEC §2-§4), as the browser reads them.
import type {
  CheckInStatus,
  CompactCategory,
  CompactParty,
  EventKind,
  EventStatus,
  MapState,
  MeasureDirection,
  MetricDirection,
  PatientImpact,
  Role,
  StepClassification,
  WasteStatus,
  WasteType,
} from '@app/domain';

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  trustId: string | null;
}

/** The web app's sign-in answer: the token itself comes as an httpOnly cookie. */
export interface LoginResult {
  user: Actor;
}

export interface SignInOptions {
  passwordLogin: boolean;
  sso: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Mutable {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy?: string | null;
}

export interface Trust extends Mutable {
  code: string;
  name: string;
}

export interface ValueStream extends Mutable {
  trustId: string;
  name: string;
  description: string | null;
  demandPerDay: number | null;
  availableMinutesPerDay: number | null;
}

export interface MapStep {
  id?: string;
  name: string;
  cycleTimeMinutes: number;
  waitTimeMinutes: number;
  classification: StepClassification;
  percentCompleteAccurate: number;
  staff?: number | null;
}

export interface MapMetrics {
  leadTimeMinutes: number;
  valueAddedMinutes: number;
  nonValueAddedMinutes: number;
  processCycleEfficiency: number | null;
  rolledPercentCompleteAccurate: number;
  taktTimeMinutes: number | null;
  stepCount: number;
}

export interface ValueStreamMap extends Mutable {
  trustId: string;
  valueStreamId: string;
  state: MapState;
  title: string;
  mappedOn: string;
  steps: MapStep[];
  metrics: MapMetrics;
}

export interface FigureChange {
  absolute: number | null;
  percent: number | null;
}

export interface MapComparison {
  from: MapMetrics;
  to: MapMetrics;
  change: Record<keyof MapMetrics, FigureChange>;
}

export interface WasteRecord extends Mutable {
  trustId: string;
  valueStreamId: string | null;
  mapStepId: string | null;
  wasteType: WasteType;
  observedOn: string;
  description: string;
  minutesLost: number;
  occurrences: number;
  patientImpact: PatientImpact;
  status: WasteStatus;
  eliminatedOn: string | null;
  improvementEventId: string | null;
}

export interface WasteImportError {
  line: number;
  field: string;
  message: string;
}

export interface EventMetric {
  id: string;
  name: string;
  unit: string;
  direction: MetricDirection;
  baseline: number;
  target: number;
  latest: number | null;
  progressToTarget: number | null;
  targetMet: boolean | null;
}

export interface FollowUp extends Partial<Mutable> {
  id: string;
  eventId?: string;
  checkpointDay: number;
  measuredOn: string;
  results: { metricId: string; value: number }[];
  notes: string | null;
}

export interface ImprovementEvent extends Mutable {
  trustId: string;
  valueStreamId: string | null;
  kind: EventKind;
  title: string;
  problemStatement: string | null;
  startDate: string;
  endDate: string | null;
  status: EventStatus;
  metrics: EventMetric[];
  followUps?: FollowUp[];
  /** Where the event stands: how many metrics are reported and meet their target. */
  progress?: { metrics: number; reported: number; targetsMet: number; latestCheckpointDay: number | null };
  wasteRecords?: Pick<WasteRecord, 'id' | 'wasteType' | 'observedOn' | 'minutesLost' | 'occurrences' | 'status'>[];
}

export interface Measure extends Mutable {
  trustId: string;
  name: string;
  unit: string;
  improvementDirection: MeasureDirection;
  target: number | null;
  trendLength: number;
  shiftLength: number;
}

export type PointType =
  'common_cause' | 'special_cause_improvement' | 'special_cause_concern' | 'special_cause_neither';
export type Variation =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neither_high'
  | 'neither_low';
export type Assurance = 'pass' | 'fail' | 'inconsistent';

export interface SpcPoint {
  periodStart: string;
  value: number;
  mean: number;
  upperProcessLimit: number;
  lowerProcessLimit: number;
  pointType: PointType;
  rule?: string | null;
  side?: 'high' | 'low' | null;
}

export interface SpcResult {
  points: SpcPoint[];
  mean: number | null;
  upperProcessLimit: number | null;
  lowerProcessLimit: number | null;
  variation: Variation | null;
  assurance: Assurance | null;
  warnings: string[];
  target?: number | null;
  improvementDirection?: MeasureDirection;
}

export interface RollupTotals {
  wasteRecords: number;
  occurrences: number;
  minutesLost: number;
  minutesEliminated: number;
  eventsCompleted: number;
  eventsSustained: number;
  ideas: number;
}

export interface SeriesPoint extends RollupTotals {
  periodStart: string;
}

export interface WasteTypeTotals {
  wasteType: WasteType;
  wasteRecords: number;
  occurrences: number;
  minutesLost: number;
  minutesEliminated: number;
}

export interface Freshness {
  asOf: string | null;
  pendingChanges: number;
}

export interface TrustDashboard {
  trustId: string;
  totals: RollupTotals;
  byWasteType: WasteTypeTotals[];
  series: SeriesPoint[];
  /** SPC of the weekly series; keyed by figure (minutesLost, minutesEliminated ...). */
  spc: Record<string, SpcResult | undefined> | null;
  freshness: Freshness;
  eventsByStatus?: Partial<Record<EventStatus, number>> | { status: EventStatus; count: number }[];
}

export interface ProgrammeDashboard {
  totals: RollupTotals;
  trusts: { trustId: string; code: string; name: string; totals: RollupTotals; series?: SeriesPoint[] }[];
  series: SeriesPoint[];
  freshness: Freshness;
}

export interface CompactCommitment extends Partial<Mutable> {
  id: string;
  party: CompactParty;
  category: CompactCategory;
  text: string;
  active: boolean;
}

export interface CompactCheckIn extends Partial<Mutable> {
  id?: string;
  commitmentId: string;
  month: string;
  trustId: string | null;
  status: CheckInStatus;
  note: string | null;
}

export interface BoardMeeting extends Partial<Mutable> {
  id: string;
  month: string;
  heldOn: string | null;
  /** publishing: an admin asked to publish and the snapshot is being built; reports are read-only. */
  status?: 'draft' | 'publishing' | 'published';
  publishRequestedAt?: string | null;
  publishedAt: string | null;
}

export interface TrustReport {
  trustId?: string;
  progress: string;
  challenges: string;
  asks: string | null;
  version?: number;
  updatedAt?: string;
}

/** The board pack (GET /api/board-meetings/:id/pack), as libs/board builds it. */
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
