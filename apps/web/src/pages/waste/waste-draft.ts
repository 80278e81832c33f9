// The waste form's draft: its fields as typed, and the record they start from.
import { type PatientImpact, type WasteStatus, type WasteType } from '@app/domain';
import type { WasteRecord } from '../../api/models';
import { todayIso } from '../../ui/format';

export const WASTE_FIELDS = [
  'trustId',
  'observedOn',
  'wasteType',
  'description',
  'minutesLost',
  'occurrences',
  'patientImpact',
  'status',
  'eliminatedOn',
  'valueStreamId',
  'mapStepId',
  'improvementEventId',
  'version',
] as const;

export interface WasteDraft {
  trustId: string;
  observedOn: string;
  wasteType: WasteType | '';
  description: string;
  minutesLost: string;
  occurrences: string;
  patientImpact: PatientImpact | '';
  status: WasteStatus;
  eliminatedOn: string;
  valueStreamId: string;
  improvementEventId: string;
}

export function draftOf(record?: WasteRecord): WasteDraft {
  return {
    trustId: record?.trustId ?? '',
    observedOn: record?.observedOn ?? todayIso(),
    wasteType: record?.wasteType ?? '',
    description: record?.description ?? '',
    minutesLost: record ? String(record.minutesLost) : '',
    occurrences: record ? String(record.occurrences) : '1',
    patientImpact: record?.patientImpact ?? '',
    status: record?.status ?? 'identified',
    eliminatedOn: record?.eliminatedOn ?? '',
    valueStreamId: record?.valueStreamId ?? '',
    improvementEventId: record?.improvementEventId ?? '',
  };
}

/** Numbers as typed: an empty box is "not given", anything else goes as a number (or as text, for the API to reject). */
export function numberOrText(value: string): number | string | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}
