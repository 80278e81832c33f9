import type { MeasureDirection } from '@app/domain';
import { Column, Entity } from 'typeorm';
import { MutableRecord, numberTransformer } from '../columns';

/** A time series a trust reports to its board; its values live in measure_points. */
@Entity('measures')
export class Measure extends MutableRecord {
  @Column({ type: 'uuid', name: 'trust_id' })
  trustId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'text', name: 'improvement_direction' })
  improvementDirection: MeasureDirection;

  @Column({ type: 'numeric', nullable: true, transformer: numberTransformer })
  target: number | null;

  @Column({ type: 'int', name: 'trend_length', default: 7 })
  trendLength: number;

  @Column({ type: 'int', name: 'shift_length', default: 7 })
  shiftLength: number;
}
