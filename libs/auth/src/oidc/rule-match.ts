// Pure: which admin-managed sign-in rule, if any, a person's ID-token claims match. Rules are tried in
// order and the first match wins; a claim that is a list (e.g. Entra's `groups` or `roles`) matches
// when any of its values equals the rule's value. Comparison is exact (case-sensitive): group ids and
// app-role values are identifiers, not prose.
import type { Role } from '@app/domain';

export interface SignInRule {
  id: string;
  claim: string;
  equals: string;
  role: Role;
  trustId: string | null;
}

export type Claims = Record<string, unknown>;

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Whether one claim value (a scalar or a list of scalars) includes `equals`. */
export function claimIncludes(value: unknown, equals: string): boolean {
  if (Array.isArray(value)) return value.some((item) => scalarText(item) === equals);
  return scalarText(value) === equals;
}

export function firstMatchingRule<R extends SignInRule>(rules: readonly R[], claims: Claims): R | null {
  for (const rule of rules) {
    if (Object.prototype.hasOwnProperty.call(claims, rule.claim) && claimIncludes(claims[rule.claim], rule.equals)) {
      return rule;
    }
  }
  return null;
}

/** The email a provider vouches for: `email_verified: true`, or Entra's `xms_edov` (domain owner verified). */
export function verifiedEmail(claims: Claims): string | null {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) return null;
  return claims.email_verified === true || claims.xms_edov === true ? email : null;
}

/** The email a newly provisioned user gets: the `email` claim, else Entra's `preferred_username` (a UPN). */
export function emailForNewUser(claims: Claims): string | null {
  for (const value of [claims.email, claims.preferred_username]) {
    const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (/^[^@\s]+@[^@\s]+$/.test(email)) return email;
  }
  return null;
}

export function displayNameOf(claims: Claims, email: string): string {
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  if (name) return name.slice(0, 200);
  const given = [claims.given_name, claims.family_name].filter((p) => typeof p === 'string' && p.trim()).join(' ');
  return (given || email.split('@')[0]).slice(0, 200);
}
