// The domain's closed vocabularies (SPEC §2), spelled exactly as they travel in JSON, columns and UI.
// Each list is the single source for DTO validation, Postgres enums and the web app's pickers.

/** The eight wastes of Lean (TIMWOOD plus unused skills). */
export const WASTE_TYPES = [
  'transport',
  'inventory',
  'motion',
  'waiting',
  'overproduction',
  'overprocessing',
  'defects',
  'skills',
] as const;
export type WasteType = (typeof WASTE_TYPES)[number];

export const PATIENT_IMPACTS = ['none', 'low', 'medium', 'high'] as const;
export type PatientImpact = (typeof PATIENT_IMPACTS)[number];

export const WASTE_STATUSES = [
  'identified',
  'countermeasure_planned',
  'in_progress',
  'eliminated',
  'accepted',
] as const;
export type WasteStatus = (typeof WASTE_STATUSES)[number];

export const STEP_CLASSIFICATIONS = ['value_added', 'necessary_non_value_added', 'waste'] as const;
export type StepClassification = (typeof STEP_CLASSIFICATIONS)[number];

export const MAP_STATES = ['current', 'future'] as const;
export type MapState = (typeof MAP_STATES)[number];

/** `rpiw` is a rapid process improvement workshop, usually five days. */
export const EVENT_KINDS = ['rpiw', 'kaizen', 'everyday_lean_idea', 'pdsa'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_STATUSES = ['planned', 'in_progress', 'follow_up', 'sustained', 'closed', 'abandoned'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Direction of an improvement event's metric. */
export const METRIC_DIRECTIONS = ['lower_is_better', 'higher_is_better'] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

/** `improvementDirection` of a board measure, as Making Data Count names it for SPC. */
export const MEASURE_DIRECTIONS = ['up', 'down', 'neither'] as const;
export type MeasureDirection = (typeof MEASURE_DIRECTIONS)[number];

export const COMPACT_PARTIES = ['regulator', 'trust', 'institute', 'all'] as const;
export type CompactParty = (typeof COMPACT_PARTIES)[number];

export const COMPACT_CATEGORIES = ['behaviour', 'responsibility'] as const;
export type CompactCategory = (typeof COMPACT_CATEGORIES)[number];

export const CHECK_IN_STATUSES = ['met', 'partly_met', 'not_met'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];

/** Rollup periods: a `week` is an ISO week starting Monday, a `month` starts on its first day. */
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The audited record kinds, in singular snake case. */
export const AUDIT_ENTITIES = [
  'trust',
  'user',
  'value_stream',
  'map',
  'waste_record',
  'improvement_event',
  'follow_up',
  'measure',
  'compact_commitment',
  'compact_check_in',
  'board_meeting',
  'trust_report',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
