// The SQL of the `sessions` table, the record of every sign-in and how it ended.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type SessionEndReason = 'logout' | 'deactivated' | 'role_changed' | 'trust_changed';

export interface SessionRow {
  id: string;
  userId: string;
  expiresAt: Date;
  endedAt: Date | null;
}

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(userId: string, ttlSeconds: number): Promise<SessionRow> {
    const [row] = await this.db.query(
      `INSERT INTO sessions (user_id, expires_at) VALUES ($1, now() + make_interval(secs => $2))
       RETURNING id, user_id AS "userId", expires_at AS "expiresAt", ended_at AS "endedAt"`,
      [userId, ttlSeconds],
    );
    return row as SessionRow;
  }

  async find(id: string): Promise<SessionRow | null> {
    const [row] = await this.db.query(
      `SELECT id, user_id AS "userId", expires_at AS "expiresAt", ended_at AS "endedAt" FROM sessions WHERE id = $1`,
      [id],
    );
    return (row as SessionRow | undefined) ?? null;
  }

  /** Ends one open session; answers whether it was open. */
  async endOne(id: string, reason: SessionEndReason): Promise<boolean> {
    // TypeORM answers an UPDATE as [rows, affected]
    const [rows] = (await this.db.query(
      `UPDATE sessions SET ended_at = now(), ended_reason = $2 WHERE id = $1 AND ended_at IS NULL RETURNING id`,
      [id, reason],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** Ends every open session of a user (inside the caller's transaction when given); their ids. */
  async endAllOf(userId: string, reason: SessionEndReason, em?: EntityManager): Promise<string[]> {
    const [rows] = (await (em ?? this.db.manager).query(
      `UPDATE sessions SET ended_at = now(), ended_reason = $2
       WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() RETURNING id`,
      [userId, reason],
    )) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }
}
