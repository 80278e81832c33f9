import type { MetricDirection } from '@app/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numberTransformer } from '../columns';

/** A metric an improvement event sets out to move from baseline to target; versioned with its event. */
@Entity('event_metrics')
export class EventMetric {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'event_id' })
  eventId: string;

  /** 1-based order of the metric within its event. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'text' })
  direction: MetricDirection;

  @Column({ type: 'numeric', transformer: numberTransformer })
  baseline: number;

  @Column({ type: 'numeric', transformer: numberTransformer })
  target: number;
}
