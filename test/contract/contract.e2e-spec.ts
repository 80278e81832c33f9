// The OpenAPI document is the contract (docs/decisions/api-contract.md). Every e2e suite's answers are
// checked against it by test/support/contract.ts; this suite checks the checker, that the checked-in
// apps/api/openapi.json is the current document, and that requests the server refuses are refused by
// the document too (a generated client or a validating proxy stops them before they are sent).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractChecker } from '../support/contract';
import { bearer, createTestApp, seedWorld, TestApp, World } from '../support/test-app';

const TODAY = new Date().toISOString().slice(0, 10);
const waste = (extra: Record<string, unknown> = {}) => ({
  observedOn: '2024-03-04',
  wasteType: 'motion',
  description: 'Walking to the store room',
  minutesLost: 4,
  occurrences: 3,
  patientImpact: 'low',
  ...extra,
});
const uuid = '6f1c1b8e-0000-4000-8000-000000000000';

interface Case {
  name: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (w: World) => string;
  body?: (w: World) => unknown;
}

// Requests the validators refuse with a 400 (the "22 of 26" of issue 16 passed the old document).
const REFUSED: Case[] = [
  {
    name: 'observedOn not a calendar day',
    method: 'post',
    path: () => '/api/waste-records',
    body: () => waste({ observedOn: '2024-02-30' }),
  },
  {
    name: 'observedOn not ISO',
    method: 'post',
    path: () => '/api/waste-records',
    body: () => waste({ observedOn: '04/03/2024' }),
  },
  {
    name: 'minutesLost below 0',
    method: 'post',
    path: () => '/api/waste-records',
    body: () => waste({ minutesLost: -1 }),
  },
  {
    name: 'minutesLost above 10080',
    method: 'post',
    path: () => '/api/waste-records',
    body: () => waste({ minutesLost: 10081 }),
  },
  {
    name: 'minutesLost a string',
    method: 'post',
    path: () => '/api/waste-records',
    body: () => waste({ minutesLost: '4' }),
  },
  {
    name: 'occurrences a fraction',
    method: 'post',
    path: () => '/api/waste-records',
    body: () => waste({ occurrences: 1.5 }),
  },
  { name: 'occurrences 0', method: 'post', path: () => '/api/waste-records', body: () => waste({ occurrences: 0 }) },
  {
    name: 'wasteType unknown',
    method: 'post',
    path: () => '/api/waste-records',
    body: () => waste({ wasteType: 'muda' }),
  },
  {
    name: 'description empty',
    method: 'post',
    path: () => '/api/waste-records',
    body: () => waste({ description: '' }),
  },
  {
    name: 'valueStreamId not a uuid',
    method: 'post',
    path: () => '/api/waste-records',
    body: () => waste({ valueStreamId: 'vs-1' }),
  },
  { name: 'an unknown field', method: 'post', path: () => '/api/waste-records', body: () => waste({ colour: 'red' }) },
  {
    name: 'a missing required field',
    method: 'post',
    path: () => '/api/waste-records',
    body: () => ({ ...waste(), patientImpact: undefined }),
  },
  { name: 'limit 0', method: 'get', path: () => '/api/waste-records?limit=0' },
  { name: 'limit 201', method: 'get', path: () => '/api/waste-records?limit=201' },
  { name: 'limit a word', method: 'get', path: () => '/api/waste-records?limit=ten' },
  { name: 'from not a date', method: 'get', path: () => '/api/waste-records?from=2024-13-01' },
  { name: 'status filter unknown', method: 'get', path: () => '/api/waste-records?status=done' },
  { name: 'an unknown query parameter', method: 'get', path: () => '/api/waste-records?colour=red' },
  { name: 'a path id not a uuid', method: 'get', path: () => '/api/waste-records/42' },
  {
    name: 'a path id not a uuid (write)',
    method: 'patch',
    path: () => '/api/value-streams/abc',
    body: () => ({ version: 1 }),
  },
  {
    name: 'user email not an email',
    method: 'post',
    path: () => '/api/users',
    body: (w) => ({
      email: 'not-an-email',
      name: 'N',
      role: 'kpo_lead',
      trustId: w.trustA.id,
      password: 'a long enough passphrase 7',
    }),
  },
  {
    name: 'user role unknown',
    method: 'post',
    path: () => '/api/users',
    body: (w) => ({
      email: 'n@test.nhs.uk',
      name: 'N',
      role: 'boss',
      trustId: w.trustA.id,
      password: 'a long enough passphrase 7',
    }),
  },
  {
    name: 'user trustId not a uuid',
    method: 'post',
    path: () => '/api/users',
    body: () => ({
      email: 'n@test.nhs.uk',
      name: 'N',
      role: 'kpo_lead',
      trustId: 'AAA',
      password: 'a long enough passphrase 7',
    }),
  },
  {
    name: 'user version a fraction',
    method: 'patch',
    path: (w) => `/api/users/${w.users.A.team.id}`,
    body: () => ({ version: 1.5 }),
  },
  {
    name: 'trust code too short',
    method: 'post',
    path: () => '/api/trusts',
    body: () => ({ code: 'AB', name: 'Gamma' }),
  },
  {
    name: 'trust code not alphanumeric',
    method: 'post',
    path: () => '/api/trusts',
    body: () => ({ code: 'A-B-C', name: 'Gamma' }),
  },
  { name: 'board month 13', method: 'post', path: () => '/api/board-meetings', body: () => ({ month: '2024-13' }) },
  {
    name: 'value stream demand 0',
    method: 'post',
    path: () => '/api/value-streams',
    body: (w) => ({ trustId: w.trustA.id, name: 'ED', demandPerDay: 0 }),
  },
];

describe('the OpenAPI contract', () => {
  let t: TestApp;
  let w: World;
  let contract: ContractChecker;

  beforeAll(async () => {
    t = await createTestApp();
    contract = t.contract!;
    w = await seedWorld(t);
  });
  afterAll(() => t.close());

  it('is checked in as apps/api/openapi.json, current (npm run openapi writes it)', () => {
    const stored = JSON.parse(readFileSync(join(__dirname, '../../apps/api/openapi.json'), 'utf8'));
    expect(stored).toEqual(JSON.parse(JSON.stringify(contract.document)));
  });

  it('fails answers the document does not declare: status, media type, body shape', () => {
    const trust = { id: uuid, code: 'AAA', name: 'A', version: 1, createdAt: TODAY, updatedAt: TODAY, createdBy: null };
    const answer = { method: 'GET', path: `/api/trusts/${uuid}`, contentType: 'application/json' };
    expect(() => contract.checkResponse({ ...answer, status: 418, body: {} })).toThrow(/status not declared/);
    expect(() => contract.checkResponse({ ...answer, status: 200, body: trust })).toThrow(/date-time/);
    const good = { ...trust, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() };
    expect(() => contract.checkResponse({ ...answer, status: 200, body: good })).not.toThrow();
    expect(() => contract.checkResponse({ ...answer, status: 200, body: { ...good, code: undefined } })).toThrow(
      /code/,
    );
    expect(() =>
      contract.checkResponse({ ...answer, status: 404, body: { statusCode: 404, error: 'Not Found', message: 7 } }),
    ).toThrow(/message/);
    expect(() =>
      contract.checkResponse({ ...answer, status: 200, contentType: 'text/html', body: {}, text: '<p>' }),
    ).toThrow(/media type/);
    expect(() => contract.checkResponse({ method: 'GET', path: '/api/nothing', status: 200, body: {} })).toThrow(
      /no operation/,
    );
  });

  it.each(REFUSED.map((c) => [c.name, c] as const))('refuses, in the server and in the document: %s', async (_n, c) => {
    const body = c.body?.(w);
    const problems = contract.requestProblems(c.method, c.path(w), body);
    let call = t.http()[c.method](c.path(w)).set(bearer(w.users.admin));
    if (body !== undefined) call = call.send(body as object);
    const res = await call;
    expect({ status: res.status, schemaRefuses: problems.length > 0 }).toEqual({ status: 400, schemaRefuses: true });
  });

  it('accepts, in the server and in the document, requests at the limits', async () => {
    const body = waste({ trustId: w.trustA.id, minutesLost: 10080, occurrences: 100000, observedOn: '2000-01-01' });
    expect(contract.requestProblems('post', '/api/waste-records', body)).toEqual([]);
    expect((await t.http().post('/api/waste-records').set(bearer(w.users.admin)).send(body)).status).toBe(201);
    const query = `/api/waste-records?limit=200&from=2000-01-01&to=${TODAY}&trustId=${w.trustA.id}`;
    expect(contract.requestProblems('get', query)).toEqual([]);
    expect((await t.http().get(query).set(bearer(w.users.admin))).status).toBe(200);
    const trust = { code: 'RXW', name: 'Gamma Hospitals' };
    expect(contract.requestProblems('post', '/api/trusts', trust)).toEqual([]);
    expect((await t.http().post('/api/trusts').set(bearer(w.users.admin)).send(trust)).status).toBe(201);
  });
});
