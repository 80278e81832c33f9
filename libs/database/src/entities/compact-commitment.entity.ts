import type { CompactCategory, CompactParty } from '@app/domain';
import { Column, Entity } from 'typeorm';
import { MutableRecord } from '../columns';

/** One line of the Compact: a behaviour or responsibility a party of the partnership signed up to. */
@Entity('compact_commitments')
export class CompactCommitment extends MutableRecord {
  @Column({ type: 'text' })
  party: CompactParty;

  @Column({ type: 'text' })
  category: CompactCategory;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
