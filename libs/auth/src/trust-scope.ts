// Trust isolation rules in one place (SPEC §4): another trust's record is invisible (404);
// writing into another trust is forbidden (403). Every feature calls these instead of
// comparing trust ids itself.
import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { NO_SCOPE, type RowScope } from '@app/database';
import { Actor, isTrustRole } from './actor';

/** The trust a read is confined to, or null when the caller reads across the programme. */
export function readScope(actor: Actor): string | null {
  return isTrustRole(actor.role) ? actor.trustId : null;
}

/**
 * The trust filter of a list: trust roles always get their own trust (a `trustId` query for
 * another trust simply finds nothing); programme roles may narrow to one trust.
 */
export function listScope(actor: Actor, requestedTrustId?: string | null): string | null {
  const own = readScope(actor);
  if (own === null) return requestedTrustId ?? null;
  return requestedTrustId && requestedTrustId !== own ? '00000000-0000-0000-0000-000000000000' : own;
}

/** Throws 404 when the record is missing or belongs to a trust the caller cannot see. */
export function assertVisible<T extends { trustId: string | null }>(
  actor: Actor,
  record: T | null | undefined,
  what: string,
): T {
  const own = readScope(actor);
  if (!record || (own !== null && record.trustId !== own)) {
    throw new NotFoundException(`${what} not found`);
  }
  return record;
}

/**
 * The trust a new record is written into: a trust role writes into its own trust only (403
 * for another); a programme role must name the trust.
 */
export function writeTrust(actor: Actor, requestedTrustId: string | undefined | null): string {
  const own = readScope(actor);
  if (own !== null) {
    if (requestedTrustId && requestedTrustId !== own) {
      throw new ForbiddenException('trustId: you may only write records of your own trust');
    }
    return own;
  }
  if (!requestedTrustId) throw new BadRequestException(['trustId must be given by programme roles']);
  return requestedTrustId;
}

/**
 * The database row scope of a signed-in caller (the second wall, docs/decisions/row-level-security.md):
 * a trust role sees its trust's rows, a programme role every trust's. A trust role without a trust
 * (a malformed token) sees none.
 */
export function rowScopeOf(actor: Actor | undefined): RowScope {
  if (!actor) return NO_SCOPE;
  if (isTrustRole(actor.role)) return actor.trustId ? { kind: 'trust', trustId: actor.trustId } : NO_SCOPE;
  return { kind: 'programme' };
}
