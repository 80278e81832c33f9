import { SetMetadata } from '@nestjs/common';
import type { Role } from '@app/domain';

export const ROLES_KEY = 'kaizen:roles';
export const PUBLIC_KEY = 'kaizen:public';

/** The roles that may call a route. A route without it (and not @Public) is refused: deny by default. */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no token (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
