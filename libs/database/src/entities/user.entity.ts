import type { Role } from '@app/domain';
import { Column, Entity } from 'typeorm';
import { MutableRecord } from '../columns';

@Entity('users')
export class User extends MutableRecord {
  /** Stored lower-cased; unique case-insensitively. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'uuid', name: 'trust_id', nullable: true })
  trustId: string | null;

  /** Deactivated users cannot sign in and their sessions have ended; users are never deleted. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** argon2id hash; never leaves the auth service. */
  @Column({ type: 'text', name: 'password_hash', select: false })
  passwordHash: string;
}
