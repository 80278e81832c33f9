import { Actor, assertVisible, hashPassword, listScope, SessionStore } from '@app/auth';
import { AuditedWriter, AuditTarget } from '@app/audit';
import { Page, PageQuery, paginate, Trust, User } from '@app/database';
import { passwordProblem, type Role } from '@app/domain';
import { BadRequestException, ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { checkAccountShape, checkManage, RuleBreach, sessionEndReason } from './user-rules';

export const USER_AUDIT: AuditTarget<User> = { entity: 'user', target: User, trustIdOf: (u) => u.trustId };

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  trustId?: string | null;
  password: string;
}

export interface UpdateUserInput {
  version: number;
  name?: string;
  role?: Role;
  trustId?: string | null;
  password?: string;
  active?: boolean;
}

function enforcePassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new BadRequestException([problem]);
}

function enforce(breach: RuleBreach): void {
  if (!breach) return;
  throw breach.status === 400 ? new BadRequestException([breach.message]) : new ForbiddenException(breach.message);
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: AuditedWriter,
    private readonly sessions: SessionStore,
  ) {}

  list(actor: Actor, query: PageQuery & { trustId?: string }): Promise<Page<User>> {
    const qb = this.db.getRepository(User).createQueryBuilder('u');
    const trustId = listScope(actor, query.trustId);
    if (trustId) qb.where('u.trust_id = :trustId', { trustId });
    return paginate(qb, 'u', 'u.created_at', (u) => u.createdAt.toISOString(), query);
  }

  async create(actor: Actor, input: CreateUserInput): Promise<User> {
    // A KPO lead's new users belong to the lead's own trust unless another is named (then 403).
    const trustId = input.trustId ?? (actor.role === 'kpo_lead' ? actor.trustId : null);
    enforce(checkManage(actor, input.role, trustId));
    enforce(checkAccountShape(input.role, trustId));
    enforcePassword(input.password, input.email);
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (em) => {
      await this.assertTrustExists(em, trustId);
      const email = input.email.trim().toLowerCase();
      if (await em.getRepository(User).existsBy({ email })) {
        throw new ConflictException(`email: ${email} is already in use`);
      }
      const user = await this.writer.create(em, actor, USER_AUDIT, {
        email,
        name: input.name,
        role: input.role,
        trustId,
        passwordHash,
      });
      return this.strip(user);
    });
  }

  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
    let ended: string[] = [];
    const updated = await this.db.transaction(async (em) => {
      const current = assertVisible(actor, await em.getRepository(User).findOneBy({ id }), 'user');
      enforce(checkManage(actor, current.role, current.trustId));
      const role = input.role ?? current.role;
      const trustId = input.trustId !== undefined ? input.trustId : current.trustId;
      enforce(checkAccountShape(role, trustId));
      enforce(checkManage(actor, role, trustId));
      if (input.password !== undefined) enforcePassword(input.password, current.email);
      await this.assertTrustExists(em, trustId);
      const patch: Partial<User> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.role !== undefined) patch.role = input.role;
      if (input.trustId !== undefined) patch.trustId = input.trustId;
      if (input.active !== undefined) patch.active = input.active;
      if (input.password !== undefined) patch.passwordHash = await hashPassword(input.password);
      // The hash never reaches the audit trail; that a password was set does.
      const extra = input.password !== undefined ? { password: 'set' as const } : undefined;
      const user = await this.writer.update(em, actor, USER_AUDIT, current, input.version, patch, extra);
      const reason = sessionEndReason(current, user);
      if (reason) ended = await this.sessions.endAllOf(em, user.id, reason);
      return this.strip(user);
    });
    // After the commit: every instance refuses the ended sessions' tokens from the next request on.
    await this.sessions.forget(ended);
    return updated;
  }

  private async assertTrustExists(em: EntityManager, trustId: string | null): Promise<void> {
    if (trustId && !(await em.getRepository(Trust).existsBy({ id: trustId }))) {
      throw new BadRequestException([`trustId: no trust ${trustId}`]);
    }
  }

  private strip(user: User): User {
    const { passwordHash: _hidden, ...rest } = user;
    return rest as User;
  }
}
