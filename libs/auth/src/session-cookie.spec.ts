import {
  clearedCookieHeader,
  cookieToken,
  csrfProblem,
  parseCookies,
  SESSION_COOKIE,
  sessionCookieHeader,
} from './session-cookie';

const TOKEN = 'aaa.bbb.ccc';

describe('parseCookies', () => {
  it('reads pairs, decodes values and keeps the first of a name', () => {
    expect(parseCookies('a=1; b=x%20y; a=2; c="q"; bad; =v')).toEqual({ a: '1', b: 'x y', c: 'q' });
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies('a=%E0%A4%A')).toEqual({ a: '%E0%A4%A' });
  });
});

describe('cookieToken', () => {
  const cookie = `other=1; ${SESSION_COOKIE}=${TOKEN}`;
  it('takes the session cookie when there is no Authorization header', () => {
    expect(cookieToken({ method: 'GET', headers: { cookie } })).toBe(TOKEN);
  });
  it('lets an Authorization header win', () => {
    expect(cookieToken({ method: 'GET', headers: { cookie, authorization: 'Bearer x.y.z' } })).toBeNull();
  });
  it('ignores a value that is not a token', () => {
    expect(cookieToken({ method: 'GET', headers: { cookie: `${SESSION_COOKIE}=a b` } })).toBeNull();
    expect(cookieToken({ method: 'GET', headers: {} })).toBeNull();
  });
});

describe('csrfProblem', () => {
  const app = { 'x-requested-with': 'kaizen-ledger', host: 'kaizen.nhs.uk' };
  it('lets safe methods through', () => {
    expect(csrfProblem({ method: 'GET', headers: {} })).toBeNull();
    expect(csrfProblem({ method: 'HEAD', headers: { origin: 'https://evil.example' } })).toBeNull();
  });
  it('needs the app header on writes', () => {
    expect(csrfProblem({ method: 'POST', headers: { host: 'kaizen.nhs.uk' } })).toMatch(/^x-requested-with: .*header/);
    expect(csrfProblem({ method: 'PATCH', headers: { ...app, 'x-requested-with': 'XMLHttpRequest' } })).toMatch(
      /x-requested-with/,
    );
    expect(csrfProblem({ method: 'DELETE', headers: app })).toBeNull();
  });
  it('refuses another origin, an opaque one and a malformed one', () => {
    expect(csrfProblem({ method: 'POST', headers: { ...app, origin: 'https://kaizen.nhs.uk' } })).toBeNull();
    expect(csrfProblem({ method: 'POST', headers: { ...app, origin: 'https://evil.example' } })).toMatch(/^origin:/);
    expect(csrfProblem({ method: 'POST', headers: { ...app, origin: 'null' } })).toMatch(/^origin:/);
    expect(csrfProblem({ method: 'POST', headers: { ...app, origin: 'not a url' } })).toMatch(/^origin:/);
  });
});

describe('cookie headers', () => {
  it('sets an httpOnly, SameSite=Lax cookie, Secure only when asked', () => {
    const plain = sessionCookieHeader(SESSION_COOKIE, TOKEN, { secure: false, maxAgeSeconds: 3600 });
    expect(plain).toBe(`${SESSION_COOKIE}=${TOKEN}; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax`);
    expect(sessionCookieHeader(SESSION_COOKIE, TOKEN, { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
  });
  it('clears with an expired, empty cookie', () => {
    expect(clearedCookieHeader(SESSION_COOKIE, { secure: false })).toBe(
      `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT`,
    );
  });
});
