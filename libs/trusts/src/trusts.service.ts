import type { Actor } from '@app/auth';
import { AuditedWriter, AuditTarget } from '@app/audit';
import { Trust } from '@app/database';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const TRUST_AUDIT: AuditTarget<Trust> = { entity: 'trust', target: Trust, trustIdOf: (t) => t.id };

/** Trusts are programme records: every signed-in role may read them, only admins create them. */
@Injectable()
export class TrustsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: AuditedWriter,
  ) {}

  list(): Promise<Trust[]> {
    return this.db.getRepository(Trust).find({ order: { code: 'ASC' } });
  }

  async get(id: string): Promise<Trust> {
    const trust = await this.db.getRepository(Trust).findOneBy({ id });
    if (!trust) throw new NotFoundException('trust not found');
    return trust;
  }

  create(actor: Actor, input: { code: string; name: string }): Promise<Trust> {
    return this.db.transaction(async (em) => {
      const clash = await em
        .getRepository(Trust)
        .createQueryBuilder('t')
        .where('upper(t.code) = upper(:code)', input)
        .getExists();
      if (clash) throw new ConflictException(`code: a trust with code ${input.code} already exists`);
      return this.writer.create(em, actor, TRUST_AUDIT, { code: input.code.toUpperCase(), name: input.name });
    });
  }
}
