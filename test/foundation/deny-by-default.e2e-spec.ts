// Deny by default (SPEC §4): every route in the OpenAPI document but login and health needs a
// token, and a role the route names. Walking the document covers routes later features add.
import { createTestApp, seedWorld, TestApp } from '../support/test-app';

const PUBLIC = new Set([
  'POST /api/auth/login',
  'GET /api/health/live',
  'GET /api/health/ready',
  // single sign-on: what the sign-in page offers, and the browser's redirects to and from the provider
  'GET /api/auth/sign-in-options',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
]);
const SOME_ID = '6f1c1b8e-0000-4000-8000-000000000000';

describe('deny by default', () => {
  let t: TestApp;
  let routes: string[];

  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  beforeEach(async () => {
    await seedWorld(t);
  });
  afterAll(() => t.close());

  it('documents the foundation routes', () => {
    for (const route of [
      'GET /api/auth/me',
      'GET /api/trusts',
      'POST /api/trusts',
      'GET /api/trusts/{id}',
      'GET /api/users',
      'POST /api/users',
      'PATCH /api/users/{id}',
      'GET /api/audit',
      ...PUBLIC,
    ]) {
      expect(routes).toContain(route);
    }
  });

  it('answers 401 without a token on every route but login and health', async () => {
    const open: string[] = [];
    for (const route of routes) {
      if (PUBLIC.has(route)) continue;
      const [method, template] = route.split(' ');
      const path = template.replace(/\{[^}]+\}/g, SOME_ID);
      const req = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
      const res = await (method === 'GET' || method === 'DELETE' ? req : req.send({}));
      if (res.status !== 401) open.push(`${route} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('answers the public routes without a token', async () => {
    await t.http().get('/api/health/live').expect(200);
    await t.http().post('/api/auth/login').send({ email: 'nobody@test.nhs.uk', password: 'x' }).expect(401);
    await t.http().get('/api/docs-json').expect(200);
  });
});
