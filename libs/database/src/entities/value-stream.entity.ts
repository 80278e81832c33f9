import { Column, Entity } from 'typeorm';
import { MutableRecord, numberTransformer } from '../columns';

@Entity('value_streams')
export class ValueStream extends MutableRecord {
  @Column({ type: 'uuid', name: 'trust_id' })
  trustId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'numeric', name: 'demand_per_day', nullable: true, transformer: numberTransformer })
  demandPerDay: number | null;

  @Column({ type: 'numeric', name: 'available_minutes_per_day', nullable: true, transformer: numberTransformer })
  availableMinutesPerDay: number | null;
}
