// SQL of the single sign-on rules and of the users single sign-on finds, links and provisions. Audit
// entries are written in the same transaction as the change they describe.
import { User } from '@app/database';
import type { Role } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../actor';
import type { SignInRule } from './rule-match';

export interface StoredRule extends SignInRule {
  position: number;
  createdAt: Date;
  createdBy: string | null;
}

export interface NewRule {
  claim: string;
  equals: string;
  role: Role;
  trustId: string | null;
}

/** A user as single sign-on sees them (never the password hash). */
export interface SsoUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  trustId: string | null;
  active: boolean;
  oidcIssuer: string | null;
  oidcSubject: string | null;
}

const RULE_COLUMNS = `id, position::int AS position, claim, equals, role, trust_id AS "trustId",
  created_at AS "createdAt", created_by AS "createdBy"`;
const USER_COLUMNS = `id, email, name, role, trust_id AS "trustId", active, oidc_issuer AS "oidcIssuer",
  oidc_subject AS "oidcSubject"`;

async function audit(
  em: EntityManager,
  actorId: string | null,
  action: 'create' | 'update' | 'delete',
  entity: string,
  entityId: string,
  trustId: string | null,
  changes: Record<string, { before: unknown; after: unknown }>,
): Promise<void> {
  await em.query(
    `INSERT INTO audit_entries (actor_id, action, entity, entity_id, trust_id, changes) VALUES ($1, $2, $3, $4, $5, $6)`,
    [actorId, action, entity, entityId, trustId, JSON.stringify(changes)],
  );
}

const created = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { before: null, after: value }]));
const deleted = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { before: value, after: null }]));

@Injectable()
export class OidcRulesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every rule in the order they are tried. */
  list(): Promise<StoredRule[]> {
    return this.db.query(`SELECT ${RULE_COLUMNS} FROM oidc_rules ORDER BY position`);
  }

  trustExists(trustId: string): Promise<boolean> {
    return this.db.query(`SELECT 1 FROM trusts WHERE id = $1`, [trustId]).then((rows: unknown[]) => rows.length > 0);
  }

  /** Appends a rule (tried after every existing one). */
  create(actor: Actor, rule: NewRule): Promise<StoredRule> {
    return this.db.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO oidc_rules (claim, equals, role, trust_id, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${RULE_COLUMNS}`,
        [rule.claim, rule.equals, rule.role, rule.trustId, actor.id],
      );
      await audit(em, actor.id, 'create', 'oidc_rule', row.id, rule.trustId, created({ ...rule }));
      return row as StoredRule;
    });
  }

  /** Deletes a rule; false when there is none with this id. */
  remove(actor: Actor, id: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const [rows] = await em.query(`DELETE FROM oidc_rules WHERE id = $1 RETURNING ${RULE_COLUMNS}`, [id]);
      const row = (rows as StoredRule[])[0];
      if (!row) return false;
      const { claim, equals, role, trustId } = row;
      await audit(em, actor.id, 'delete', 'oidc_rule', id, trustId, deleted({ claim, equals, role, trustId }));
      return true;
    });
  }

  async findLinked(issuer: string, subject: string): Promise<SsoUser | null> {
    const rows: SsoUser[] = await this.db.query(
      `SELECT ${USER_COLUMNS} FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2`,
      [issuer, subject],
    );
    return rows[0] ?? null;
  }

  async findByEmail(email: string): Promise<SsoUser | null> {
    const rows: SsoUser[] = await this.db.query(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [email]);
    return rows[0] ?? null;
  }

  /** Links an existing, not yet linked user to the provider's `sub`; false when someone linked it first. */
  link(user: SsoUser, issuer: string, subject: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const [, affected] = await em.query(
        `UPDATE users SET oidc_issuer = $2, oidc_subject = $3, version = version + 1, updated_at = now()
         WHERE id = $1 AND oidc_subject IS NULL`,
        [user.id, issuer, subject],
      );
      if (!affected) return false;
      await audit(em, user.id, 'update', 'user', user.id, user.trustId, {
        oidcSubject: { before: null, after: subject },
        oidcIssuer: { before: null, after: issuer },
      });
      return true;
    });
  }

  /** Creates a user without a password, linked to the provider, as the matching rule says. */
  provision(input: {
    email: string;
    name: string;
    role: Role;
    trustId: string | null;
    issuer: string;
    subject: string;
    ruleId: string;
  }): Promise<SsoUser> {
    return this.db.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO users (email, name, role, trust_id, password_hash, oidc_issuer, oidc_subject)
         VALUES ($1, $2, $3, $4, NULL, $5, $6) RETURNING ${USER_COLUMNS}`,
        [input.email, input.name, input.role, input.trustId, input.issuer, input.subject],
      );
      await em.query(`UPDATE users SET created_by = id WHERE id = $1`, [row.id]);
      const { email, name, role, trustId, issuer, subject, ruleId } = input;
      await audit(
        em,
        row.id,
        'create',
        'user',
        row.id,
        trustId,
        created({ email, name, role, trustId, oidcIssuer: issuer, oidcSubject: subject, provisionedByRule: ruleId }),
      );
      return row as SsoUser;
    });
  }

  /** The entity the token service signs (the fields it reads). */
  asUser(user: SsoUser): User {
    return Object.assign(new User(), {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      trustId: user.trustId,
    });
  }
}
