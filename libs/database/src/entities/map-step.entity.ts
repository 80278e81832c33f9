import type { StepClassification } from '@app/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numberTransformer } from '../columns';

/** A step of a value-stream map; versioned with its map, not on its own. */
@Entity('map_steps')
export class MapStep {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'map_id' })
  mapId: string;

  /** 1-based order of the step within its map. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'numeric', name: 'cycle_time_minutes', transformer: numberTransformer })
  cycleTimeMinutes: number;

  /** The delay before the step. */
  @Column({ type: 'numeric', name: 'wait_time_minutes', transformer: numberTransformer })
  waitTimeMinutes: number;

  @Column({ type: 'text' })
  classification: StepClassification;

  @Column({ type: 'numeric', name: 'percent_complete_accurate', default: 100, transformer: numberTransformer })
  percentCompleteAccurate: number;

  @Column({ type: 'int', nullable: true })
  staff: number | null;
}
