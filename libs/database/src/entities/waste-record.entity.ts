import type { PatientImpact, WasteStatus, WasteType } from '@app/domain';
import { Column, Entity } from 'typeorm';
import { MutableRecord, numberTransformer } from '../columns';

/** One observed waste (SPEC §2): what was lost, how often, and whether it has been eliminated. */
@Entity('waste_records')
export class WasteRecord extends MutableRecord {
  @Column({ type: 'uuid', name: 'trust_id' })
  trustId: string;

  @Column({ type: 'uuid', name: 'value_stream_id', nullable: true })
  valueStreamId: string | null;

  @Column({ type: 'uuid', name: 'map_step_id', nullable: true })
  mapStepId: string | null;

  @Column({ type: 'text', name: 'waste_type' })
  wasteType: WasteType;

  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'observed_on' })
  observedOn: string;

  @Column({ type: 'text' })
  description: string;

  /** Minutes lost per occurrence, to the hundredth. */
  @Column({ type: 'numeric', precision: 7, scale: 2, name: 'minutes_lost', transformer: numberTransformer })
  minutesLost: number;

  @Column({ type: 'int' })
  occurrences: number;

  @Column({ type: 'text', name: 'patient_impact' })
  patientImpact: PatientImpact;

  @Column({ type: 'text' })
  status: WasteStatus;

  /** YYYY-MM-DD; set exactly while the status is `eliminated`. */
  @Column({ type: 'date', name: 'eliminated_on', nullable: true })
  eliminatedOn: string | null;

  @Column({ type: 'uuid', name: 'improvement_event_id', nullable: true })
  improvementEventId: string | null;
}
