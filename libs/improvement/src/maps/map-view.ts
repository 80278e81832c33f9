// How a value-stream map travels: its steps in order, each with its id, and the SPEC §3 figures.
import type { MapStep, ValueStream, ValueStreamMap } from '@app/database';
import { computeMapMetrics, type MapMetrics, type MapState, type StepClassification } from '@app/domain';

export interface MapStepView {
  id: string;
  position: number;
  name: string;
  cycleTimeMinutes: number;
  waitTimeMinutes: number;
  classification: StepClassification;
  percentCompleteAccurate: number;
  staff: number | null;
}

export interface MapView {
  id: string;
  trustId: string;
  valueStreamId: string;
  state: MapState;
  title: string;
  mappedOn: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  steps: MapStepView[];
  metrics: MapMetrics;
}

export function stepView(s: MapStep): MapStepView {
  return {
    id: s.id,
    position: s.position,
    name: s.name,
    cycleTimeMinutes: s.cycleTimeMinutes,
    waitTimeMinutes: s.waitTimeMinutes,
    classification: s.classification,
    percentCompleteAccurate: s.percentCompleteAccurate,
    staff: s.staff,
  };
}

/** `steps` must be the map's steps in position order; `stream` gives the takt time. */
export function mapView(
  map: ValueStreamMap,
  steps: readonly MapStep[],
  stream: Pick<ValueStream, 'demandPerDay' | 'availableMinutesPerDay'>,
): MapView {
  const views = steps.map(stepView);
  return {
    id: map.id,
    trustId: map.trustId,
    valueStreamId: map.valueStreamId,
    state: map.state,
    title: map.title,
    mappedOn: map.mappedOn,
    version: map.version,
    createdAt: map.createdAt,
    updatedAt: map.updatedAt,
    createdBy: map.createdBy,
    steps: views,
    metrics: computeMapMetrics(views, stream),
  };
}

/** The map as its audit entries record it: its own fields plus its steps in order. */
export function mapAuditView(map: ValueStreamMap, steps: readonly MapStep[]): ValueStreamMap & { steps: object[] } {
  return { ...map, steps: steps.map(stepAuditView) };
}

// The position is left out: the order of the list already says it.
function stepAuditView(step: MapStep): Omit<MapStepView, 'position'> {
  const { position: _position, ...rest } = stepView(step);
  return rest;
}
