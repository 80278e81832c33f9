import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A published board pack, stored as the exact JSON text every later read answers. Never changes. */
@Entity('board_pack_snapshots')
export class BoardPackSnapshot {
  @PrimaryColumn({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @Column({ type: 'text' })
  pack: string;

  @Column({ type: 'timestamptz', precision: 3, name: 'built_at' })
  builtAt: Date;
}
