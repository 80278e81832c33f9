import type { MapState } from '@app/domain';
import { Column, Entity } from 'typeorm';
import { MutableRecord } from '../columns';

/** One value-stream map (current or future state); its steps live in map_steps. */
@Entity('value_stream_maps')
export class ValueStreamMap extends MutableRecord {
  @Column({ type: 'uuid', name: 'trust_id' })
  trustId: string;

  @Column({ type: 'uuid', name: 'value_stream_id' })
  valueStreamId: string;

  @Column({ type: 'text' })
  state: MapState;

  @Column({ type: 'text' })
  title: string;

  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'mapped_on' })
  mappedOn: string;
}
