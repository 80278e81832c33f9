import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberTransformer } from '../columns';

/** One value of a measure for one period; a second write for the period replaces the first. */
@Entity('measure_points')
export class MeasurePoint {
  @PrimaryColumn({ type: 'uuid', name: 'measure_id' })
  measureId: string;

  /** YYYY-MM-DD */
  @PrimaryColumn({ type: 'date', name: 'period_start' })
  periodStart: string;

  @Column({ type: 'numeric', transformer: numberTransformer })
  value: number;
}
