import { Column, Entity } from 'typeorm';
import { MutableRecord } from '../columns';

export interface FollowUpResult {
  metricId: string;
  value: number;
}

/** A 30/60/90-day (or any day) check of an improvement event's metrics. */
@Entity('follow_ups')
export class FollowUp extends MutableRecord {
  @Column({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Column({ type: 'uuid', name: 'trust_id' })
  trustId: string;

  @Column({ type: 'int', name: 'checkpoint_day' })
  checkpointDay: number;

  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'measured_on' })
  measuredOn: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'jsonb' })
  results: FollowUpResult[];
}
