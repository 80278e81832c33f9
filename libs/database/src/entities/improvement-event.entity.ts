import type { EventKind, EventStatus } from '@app/domain';
import { Column, Entity } from 'typeorm';
import { MutableRecord } from '../columns';

/** An RPIW, kaizen, everyday lean idea or PDSA cycle; metrics in event_metrics, follow-ups in follow_ups. */
@Entity('improvement_events')
export class ImprovementEvent extends MutableRecord {
  @Column({ type: 'uuid', name: 'trust_id' })
  trustId: string;

  @Column({ type: 'uuid', name: 'value_stream_id', nullable: true })
  valueStreamId: string | null;

  @Column({ type: 'text' })
  kind: EventKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', name: 'problem_statement', nullable: true })
  problemStatement: string | null;

  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'start_date' })
  startDate: string;

  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'end_date', nullable: true })
  endDate: string | null;

  @Column({ type: 'text' })
  status: EventStatus;
}
