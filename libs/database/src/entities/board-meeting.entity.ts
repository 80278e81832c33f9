import { Column, Entity } from 'typeorm';
import { MutableRecord } from '../columns';

/** The monthly Transformation Guiding Board; its pack freezes when `publishedAt` is set. */
@Entity('board_meetings')
export class BoardMeeting extends MutableRecord {
  /** YYYY-MM, one meeting per month. */
  @Column({ type: 'text' })
  month: string;

  /** YYYY-MM-DD */
  @Column({ type: 'date', name: 'held_on', nullable: true })
  heldOn: string | null;

  /** Set when an admin asks to publish: from then on trust reports are read-only. */
  @Column({ type: 'timestamptz', precision: 3, name: 'publish_requested_at', nullable: true })
  publishRequestedAt: Date | null;

  @Column({ type: 'uuid', name: 'publish_requested_by', nullable: true })
  publishRequestedBy: string | null;

  /** Set by the board-pack job in the transaction that stores the snapshot. */
  @Column({ type: 'timestamptz', precision: 3, name: 'published_at', nullable: true })
  publishedAt: Date | null;
}
