// Names for the contract's schemas as the screens use them. Every type here comes from the generated
// schema.d.ts (apps/api/openapi.json); none is written by hand.
import type { Answer } from './query';
import type { components } from './schema';

type S = components['schemas'];

export type Actor = S['ActorDto'];
export type LoginResult = S['LoginResultDto'];
export type SignInOptions = S['SignInOptionsDto'];
export type Trust = S['TrustDto'];
export type ValueStream = S['ValueStreamDto'];
export type ValueStreamMap = S['MapDto'];
export type MapStep = S['MapStepViewDto'];
export type MapMetrics = S['MapMetricsDto'];
export type MapComparison = S['MapComparisonDto'];
export type WasteRecord = S['WasteRecordDto'];
export type WasteImportError = S['ImportErrorDto'];
export type ImprovementEvent = S['ImprovementEventDto'];
export type FollowUp = S['FollowUpDto'];
export type Measure = S['MeasureDto'];
export type SpcResult = S['MeasureSpcDto'] | S['SpcDto'];
export type SpcPoint = S['SpcPointDto'];
export type PointType = SpcPoint['pointType'];
export type RollupTotals = S['FiguresDto'];
export type SeriesPoint = S['SeriesPointDto'];
export type Freshness = S['FreshnessDto'];
export type TrustDashboard = S['TrustDashboardDto'];
export type ProgrammeDashboard = S['ProgrammeDashboardDto'];
export type CompactCommitment = S['CommitmentDto'];
export type CompactCheckIn = S['CheckInDto'];
export type BoardMeeting = S['BoardMeetingDto'];
export type TrustReport = S['TrustReportDto'];
export type BoardMeetingWithReports = Answer<'get', '/api/board-meetings/{id}'>;
export type FigureChange = S['FigureChangeDto'];
