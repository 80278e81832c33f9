// Column helpers shared by every entity: numbers come back as numbers, never strings.
import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';

/** Postgres numeric/bigint arrive as strings; every figure here fits a double. */
export const numberTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/** Postgres `date` as the plain 'YYYY-MM-DD' string, never a JS Date shifted by a time zone. */
export const NumericColumn = (options: { nullable?: boolean } = {}) =>
  Column({ type: 'numeric', transformer: numberTransformer, nullable: options.nullable ?? false });

/** Id, optimistic-concurrency version and who/when of every mutable record. */
export abstract class MutableRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3, name: 'updated_at' })
  updatedAt: Date;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;
}
