// The global guard: every route needs a valid token of an open session and a @Roles list that
// includes the caller's role, unless it is @Public. Deny by default.
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@app/domain';
import type { Actor } from './actor';
import { AuthService } from './auth.service';
import { requestToken, TokenCarrier } from './request-token';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** What the guard leaves on the request for the handlers. */
export interface AuthenticatedRequest extends TokenCarrier {
  actor?: Actor;
  sessionId?: string;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = requestToken(request);
    if (!token) throw new UnauthorizedException('a Bearer token is required');
    const { actor, sessionId } = await this.auth.authenticate(token);
    request.actor = actor;
    request.sessionId = sessionId;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(actor.role)) {
      throw new ForbiddenException(`role ${actor.role} may not do this`);
    }
    return true;
  }
}
