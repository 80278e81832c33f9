import type { CheckInStatus } from '@app/domain';
import { Column, Entity } from 'typeorm';
import { MutableRecord } from '../columns';

/** How a party kept one Compact commitment in one month; `trustId` null is the regulator. */
@Entity('compact_check_ins')
export class CompactCheckIn extends MutableRecord {
  @Column({ type: 'uuid', name: 'commitment_id' })
  commitmentId: string;

  /** YYYY-MM */
  @Column({ type: 'text' })
  month: string;

  @Column({ type: 'uuid', name: 'trust_id', nullable: true })
  trustId: string | null;

  @Column({ type: 'text' })
  status: CheckInStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
