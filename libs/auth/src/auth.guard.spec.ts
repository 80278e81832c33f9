import { Controller, ExecutionContext, ForbiddenException, Get, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
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
const SID = '0b6f3c4e-1d2a-4c5b-8e9f-112233445566';
const USER = '7a1e2b3c-4d5e-4f60-8a7b-8c9d0e1f2a3b';
// Unit scope: the session store is a stand-in that knows one open session (the e2e suites use Redis
// and PostgreSQL).
const open = new Set([SID]);
const sessions = { isLive: async (sid: string, userId: string) => open.has(sid) && userId === USER };
const auth = new AuthService(undefined as never, jwt, sessions as never, undefined as never);
const guard = new AuthGuard(new Reflector(), auth);
const claims: TokenClaims = { sub: USER, email: 'a@x', name: 'A', role: 'admin', trustId: null, sid: SID };

function contextFor(cls: new () => object, handler: string, authorization?: string) {
  const request: { headers: Record<string, string>; actor?: unknown; sessionId?: string } = {
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
    expect(request.actor).toEqual({ id: USER, email: 'a@x', name: 'A', role: 'admin', trustId: null });
    expect(request.sessionId).toBe(SID);
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
    ['a token without a session', `Bearer ${jwt.sign({ ...claims, sid: undefined })}`],
    ['a token of an ended session', `Bearer ${jwt.sign({ ...claims, sid: '0b6f3c4e-1d2a-4c5b-8e9f-000000000000' })}`],
    ['a session of another user', `Bearer ${jwt.sign({ ...claims, sub: '7a1e2b3c-4d5e-4f60-8a7b-000000000000' })}`],
  ])('answers 401 for %s', async (_label, header) => {
    await expect(guard.canActivate(contextFor(Sample, 'adminOnly', header).context)).rejects.toThrow(
      UnauthorizedException,
    );
  });
});
