import type { Role } from '@app/domain';

/** Claims of an access token. HS256 only: `alg: none` and other algorithms are refused. */
export interface TokenClaims {
  sub: string;
  email: string;
  name: string;
  role: Role;
  trustId: string | null;
  /** The session (a `sessions` row): the token answers 401 once it has ended. */
  sid: string;
}

export const TOKEN_ALGORITHM = 'HS256' as const;
