import { Controller, ExecutionContext, ForbiddenException, Get, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard';
import { Public, Roles } from './roles.decorator';
import type { TokenClaims } from './token';

@Controller()
class Sample {
  @Get() @Roles('admin') adminOnly() {}
  @Get() forgotRoles() {}
  @Get() @Public() open() {}
}

@Roles('kpo_lead')
@Controller()
class ClassRoles {
  @Get() inherited() {}
}

const jwt = new JwtService({ secret: 's'.repeat(32), signOptions: { algorithm: 'HS256', expiresIn: 60 } });
const guard = new AuthGuard(new Reflector(), jwt);
const claims: TokenClaims = { sub: 'u1', email: 'a@x', name: 'A', role: 'admin', trustId: null };

function contextFor(cls: new () => object, handler: string, authorization?: string) {
  const request: { headers: Record<string, string>; actor?: unknown } = {
    headers: authorization ? { authorization } : {},
  };
  const context = {
    getHandler: () => (cls.prototype as Record<string, unknown>)[handler],
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

describe('AuthGuard', () => {
  it('lets a listed role through and puts the actor on the request', async () => {
    const { context, request } = contextFor(Sample, 'adminOnly', `Bearer ${jwt.sign(claims)}`);
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.actor).toEqual({ id: 'u1', email: 'a@x', name: 'A', role: 'admin', trustId: null });
  });

  it('refuses a role that is not listed (403)', async () => {
    const { context } = contextFor(Sample, 'adminOnly', `Bearer ${jwt.sign({ ...claims, role: 'regulator' })}`);
    await expect(guard.canActivate(context)).rejects.toThrow(ForbiddenException);
  });

  it('refuses every role on a route that names none: deny by default', async () => {
    const { context } = contextFor(Sample, 'forgotRoles', `Bearer ${jwt.sign(claims)}`);
    await expect(guard.canActivate(context)).rejects.toThrow(ForbiddenException);
  });

  it('takes the roles of the controller when the handler names none', async () => {
    const kpo = contextFor(
      ClassRoles,
      'inherited',
      `Bearer ${jwt.sign({ ...claims, role: 'kpo_lead', trustId: 't' })}`,
    );
    await expect(guard.canActivate(kpo.context)).resolves.toBe(true);
    const team = contextFor(
      ClassRoles,
      'inherited',
      `Bearer ${jwt.sign({ ...claims, role: 'improvement_team', trustId: 't' })}`,
    );
    await expect(guard.canActivate(team.context)).rejects.toThrow(ForbiddenException);
  });

  it('needs no token on a public route', async () => {
    await expect(guard.canActivate(contextFor(Sample, 'open').context)).resolves.toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic abc'],
    ['garbage', 'Bearer not-a-token'],
    ['a token of another secret', `Bearer ${new JwtService({ secret: 'x'.repeat(32) }).sign(claims)}`],
    ['an expired token', `Bearer ${jwt.sign(claims, { expiresIn: -10 })}`],
  ])('answers 401 for %s', async (_label, header) => {
    await expect(guard.canActivate(contextFor(Sample, 'adminOnly', header).context)).rejects.toThrow(
      UnauthorizedException,
    );
  });
});
