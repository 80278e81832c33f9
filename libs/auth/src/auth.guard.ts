// The global guard: every route needs a valid token and a @Roles list that includes the
// caller's role, unless it is @Public. Deny by default.
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@app/domain';
import type { Actor } from './actor';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { TOKEN_ALGORITHM, TokenClaims } from './token';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string>; actor?: Actor }>();
    const actor = await this.verify(request.headers['authorization']);
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(actor.role)) {
      throw new ForbiddenException(`role ${actor.role} may not do this`);
    }
    return true;
  }

  private async verify(header: string | undefined): Promise<Actor> {
    // The scheme is case-insensitive (RFC 7235 §2.1); the token is three base64url parts.
    const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(header ?? '');
    if (!match) throw new UnauthorizedException('a Bearer token is required');
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(match[1], { algorithms: [TOKEN_ALGORITHM] });
      return { id: claims.sub, email: claims.email, name: claims.name, role: claims.role, trustId: claims.trustId };
    } catch {
      throw new UnauthorizedException('the token is invalid or has expired');
    }
  }
}
