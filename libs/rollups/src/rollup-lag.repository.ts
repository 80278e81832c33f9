// The one query readiness runs against the rollup pipeline: the age of the oldest pending mark.
import { asSystem } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class RollupLagRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Seconds since the oldest pending mark was written, or null when none is pending. The lowest id is
   * the oldest mark (ids come from one sequence at insert), found through the primary key in one
   * index probe whatever the backlog.
   */
  async oldestPendingSeconds(): Promise<number | null> {
    // Readiness has no caller: the oldest mark of any trust is the system's question.
    const rows: { age: number }[] = await asSystem('readiness', () =>
      this.db.query(
        `SELECT extract(epoch FROM clock_timestamp() - marked_at)::float8 AS age FROM rollup_marks ORDER BY id LIMIT 1`,
      ),
    );
    return rows.length ? Number(rows[0].age) : null;
  }
}
