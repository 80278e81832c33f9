// Admin-managed single sign-on rules: checked (a trust role names an existing trust, a programme role
// none), stored in order and audited.
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Actor } from '../actor';
import { isTrustRole } from '../actor';
import { NewRule, OidcRulesRepository, StoredRule } from './oidc-rules.repository';

@Injectable()
export class OidcRulesService {
  constructor(private readonly repo: OidcRulesRepository) {}

  list(): Promise<StoredRule[]> {
    return this.repo.list();
  }

  async create(actor: Actor, input: { claim: string; equals: string; role: NewRule['role']; trustId?: string | null }) {
    const trustId = input.trustId ?? null;
    if (isTrustRole(input.role) && !trustId) {
      throw new BadRequestException([`trustId: role ${input.role} belongs to one trust, so trustId is required`]);
    }
    if (!isTrustRole(input.role) && trustId) {
      throw new BadRequestException([`trustId: role ${input.role} is programme-wide, so trustId must be empty`]);
    }
    if (trustId && !(await this.repo.trustExists(trustId))) {
      throw new BadRequestException([`trustId: there is no trust ${trustId}`]);
    }
    return this.repo.create(actor, { claim: input.claim, equals: input.equals, role: input.role, trustId });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    if (!(await this.repo.remove(actor, id))) throw new NotFoundException(`no sign-in rule ${id}`);
  }
}
