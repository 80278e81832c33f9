import { Column, Entity } from 'typeorm';
import { MutableRecord } from '../columns';

@Entity('trusts')
export class Trust extends MutableRecord {
  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;
}
