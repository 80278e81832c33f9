import type { Role } from '@app/domain';

/** Claims of an access token. HS256 only: `alg: none` and other algorithms are refused. */
export interface TokenClaims {
  sub: string;
  email: string;
  name: string;
  role: Role;
  trustId: string | null;
}

export const TOKEN_ALGORITHM = 'HS256' as const;
