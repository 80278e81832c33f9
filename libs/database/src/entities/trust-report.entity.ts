import { Column, Entity } from 'typeorm';
import { MutableRecord } from '../columns';

/** A trust CEO's report to one board meeting. */
@Entity('trust_reports')
export class TrustReport extends MutableRecord {
  @Column({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @Column({ type: 'uuid', name: 'trust_id' })
  trustId: string;

  @Column({ type: 'text' })
  progress: string;

  @Column({ type: 'text' })
  challenges: string;

  @Column({ type: 'text', nullable: true })
  asks: string | null;
}
