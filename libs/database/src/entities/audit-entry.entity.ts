export type AuditAction = 'create' | 'update' | 'delete';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Field → before/after; a secret that changed is recorded only as `'set'` (e.g. `password: 'set'`). */
export type AuditChanges = Record<string, { before: unknown; after: unknown } | 'set'>;

@Entity('audit_entries')
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ type: 'text' })
  entity: string;

  @Column({ type: 'uuid', name: 'entity_id' })
  entityId: string;

  @Column({ type: 'uuid', name: 'trust_id', nullable: true })
  trustId: string | null;

  @Column({ type: 'jsonb' })
  changes: AuditChanges;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  at: Date;
}
