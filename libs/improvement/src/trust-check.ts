import { Trust } from '@app/database';
import { BadRequestException } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A programme role names the trust it writes into; a trust that does not exist is a 400 on trustId. */
export async function assertTrustExists(em: EntityManager, trustId: string): Promise<void> {
  if (!(await em.getRepository(Trust).existsBy({ id: trustId }))) {
    throw new BadRequestException([`trustId: no trust ${trustId}`]);
  }
}
