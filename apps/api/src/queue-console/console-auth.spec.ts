import { consoleAuth, consoleToken, withoutToken } from './console-auth';

describe('consoleToken', () => {
  it('prefers the Authorization header, then the cookie, then ?token=', () => {
    expect(
      consoleToken({ authorization: 'Bearer a.b.c', cookie: 'kaizen_queues=d.e.f', query: { token: 'g.h.i' } }),
    ).toEqual({
      token: 'a.b.c',
      source: 'header',
    });
    expect(consoleToken({ cookie: 'x=1; kaizen_queues=d.e.f', query: { token: 'g.h.i' } })).toEqual({
      token: 'd.e.f',
      source: 'cookie',
    });
    expect(consoleToken({ query: { token: 'g.h.i' } })).toEqual({ token: 'g.h.i', source: 'query' });
  });

  it('finds nothing in a malformed header, another cookie or an array query', () => {
    expect(
      consoleToken({ authorization: 'Basic xyz', cookie: 'other=a.b.c', query: { token: ['a', 'b'] } }),
    ).toBeNull();
    expect(consoleToken({})).toBeNull();
  });
});

describe('withoutToken', () => {
  it('drops only the token parameter', () => {
    expect(withoutToken('/admin/queues?token=a.b.c')).toBe('/admin/queues');
    expect(withoutToken('/admin/queues/queue/rollup-bucket?status=failed&token=a.b.c')).toBe(
      '/admin/queues/queue/rollup-bucket?status=failed',
    );
  });
});

describe('consoleAuth', () => {
  const response = () => {
    const res = {
      statusCode: 200,
      body: undefined as unknown,
      cookies: [] as unknown[],
      redirected: undefined as unknown,
      status(code: number) {
        res.statusCode = code;
        return res;
      },
      json(body: unknown) {
        res.body = body;
        return res;
      },
      cookie(...args: unknown[]) {
        res.cookies.push(args);
        return res;
      },
      redirect(...args: unknown[]) {
        res.redirected = args;
        return res;
      },
    };
    return res;
  };
  const verify = async (token: string) => {
    if (token === 'admin.token.x')
      return { sub: 'u', email: 'a@x', name: 'A', role: 'admin' as const, trustId: null, sid: 's' };
    if (token === 'team.token.x')
      return { sub: 'u', email: 't@x', name: 'T', role: 'improvement_team' as const, trustId: 't', sid: 's' };
    throw new Error('bad signature');
  };
  const run = async (req: Record<string, unknown>) => {
    const res = response();
    const next = jest.fn();
    await consoleAuth(verify)({ headers: {}, query: {}, secure: false, ...req } as never, res as never, next);
    return { res, next };
  };

  it('answers 401 without a token or with a bad one, 403 for other roles', async () => {
    expect((await run({})).res.statusCode).toBe(401);
    expect((await run({ headers: { authorization: 'Bearer forged.token.x' } })).res.statusCode).toBe(401);
    const team = await run({ headers: { authorization: 'Bearer team.token.x' } });
    expect(team.res.statusCode).toBe(403);
    expect(team.next).not.toHaveBeenCalled();
  });

  it('lets an admin through, and turns ?token= into a cookie and a clean URL', async () => {
    expect((await run({ headers: { authorization: 'Bearer admin.token.x' } })).next).toHaveBeenCalled();
    const viaQuery = await run({ query: { token: 'admin.token.x' }, originalUrl: '/admin/queues?token=admin.token.x' });
    expect(viaQuery.next).not.toHaveBeenCalled();
    expect(viaQuery.res.redirected).toEqual([303, '/admin/queues']);
    expect(viaQuery.res.cookies[0]).toEqual([
      'kaizen_queues',
      'admin.token.x',
      expect.objectContaining({ httpOnly: true, sameSite: 'strict', path: '/admin/queues' }),
    ]);
  });
});
