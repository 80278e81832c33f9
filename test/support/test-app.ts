// Starts the real API (real Postgres, real Redis) inside the test process, and offers the
// fixtures most specs need: two trusts with one user of every role, and their tokens.
import { AppModule } from '../../apps/api/src/app.module';
import { buildOpenApiDocument, configureApp } from '../../apps/api/src/http/configure-app';
import { ContractChecker } from './contract';
import { AuthService, hashPassword } from '@app/auth';
import { Environment } from '@app/config';
import { ownerDataSourceOptions, User } from '@app/database';
import { REDIS_CLIENT } from '@app/queue';
import type Redis from 'ioredis';
import type { Role } from '@app/domain';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import request from 'supertest';
import type { App } from 'supertest/types';

export const PASSWORD = 'improve-together';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  trustId: string | null;
  token: string;
}

export interface World {
  trustA: { id: string; code: string };
  trustB: { id: string; code: string };
  /** One user of every role: `A.team`, `B.ceo`, `admin`, `regulator` ... */
  users: {
    admin: TestUser;
    regulator: TestUser;
    A: Record<'team' | 'kpo' | 'ceo', TestUser>;
    B: Record<'team' | 'kpo' | 'ceo', TestUser>;
  };
}

export interface TestApp {
  app: NestExpressApplication;
  /**
   * The tables' owner: fixtures, truncation and checks of what is stored. It bypasses row-level
   * security, as a test harness should; the app's own pool (`appDb`) runs as kaizen_app.
   */
  db: DataSource;
  /** The API's DataSource (kaizen_app, row-level security applies). */
  appDb: DataSource;
  http: () => ReturnType<typeof request>;
  /** The OpenAPI document of this app, checking every /api answer of `http()` unless turned off. */
  contract?: ContractChecker;
  close: () => Promise<void>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/**
 * supertest, with every answer under /api (but the docs) checked against the OpenAPI document:
 * an undeclared status, media type or body shape fails the request's test (test/support/contract.ts).
 */
function checkedAgent(server: App, contract: ContractChecker): ReturnType<typeof request> {
  const agent = request(server);
  for (const method of METHODS) {
    const send = agent[method].bind(agent) as (url: string) => request.Test;
    (agent as unknown as Record<string, unknown>)[method] = (url: string) =>
      send(url).expect((res) => {
        const req = (res as unknown as { req: { method: string; path: string } }).req;
        if (!req.path.startsWith('/api/') || req.path.startsWith('/api/docs')) return;
        contract.checkResponse({
          method: req.method,
          path: req.path,
          status: res.status,
          contentType: res.headers['content-type'],
          body: res.body,
          text: res.text,
        });
      });
  }
  return agent;
}

export async function createTestApp(options: { contract?: boolean } = {}): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
  configureApp(app);
  await app.init();
  const appDb = app.get(DataSource);
  const db = await ownerDataSource();
  const server = app.getHttpServer() as App;
  const close = async () => {
    await app.close();
    await db.destroy();
  };
  const contract = new ContractChecker(buildOpenApiDocument(app));
  const http = options.contract === false ? () => request(server) : () => checkedAgent(server, contract);
  return { app, db, appDb, http, contract, close };
}

/** A small pool of the tables' owner on the test database, for fixtures and checks. */
export async function ownerDataSource(): Promise<DataSource> {
  const db = new DataSource(ownerDataSourceOptions(process.env.DATABASE_URL as string, 2));
  await db.initialize();
  return db;
}

/** Empties every table but the migrations list. */
export async function truncateAll(db: DataSource): Promise<void> {
  const rows: { tablename: string }[] = await db.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  if (!rows.length) return;
  const sql = `TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`;
  // A worker still finishing a rollup job of the previous test can deadlock with TRUNCATE's
  // table locks; PostgreSQL then cancels one side, so try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.query(sql);
      return;
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code !== '40P01' || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

let passwordHash: Promise<string> | undefined;

async function insertUser(db: DataSource, email: string, role: Role, trustId: string | null): Promise<string> {
  passwordHash ??= hashPassword(PASSWORD);
  const [row] = await db.query(
    `INSERT INTO users (email, name, role, trust_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [email, email.split('@')[0], role, trustId, await passwordHash],
  );
  return row.id;
}

/** A token of a new session of the user, minted the one way the API mints them (issueSession). */
export async function tokenFor(t: TestApp, user: Omit<TestUser, 'token'>): Promise<string> {
  const record = Object.assign(new User(), { ...user, name: user.email, active: true });
  return (await t.app.get(AuthService).issueSession(record)).accessToken;
}

/**
 * Forgets the sign-in failure counters of this test process's Redis prefix: like the tables, they
 * start empty in every test (all requests of a test come from one address).
 */
export async function resetLoginFailures(t: TestApp): Promise<void> {
  const redis = t.app.get<Redis>(REDIS_CLIENT);
  const prefix = t.app.get(Environment).REDIS_PREFIX;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:login-failures:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Truncates, then creates trusts AAA and BBB and a user of every role. */
export async function seedWorld(t: TestApp): Promise<World> {
  await truncateAll(t.db);
  await resetLoginFailures(t);
  const [a] = await t.db.query(`INSERT INTO trusts (code, name) VALUES ('AAA', 'Alpha Hospitals') RETURNING id, code`);
  const [b] = await t.db.query(`INSERT INTO trusts (code, name) VALUES ('BBB', 'Beta Hospitals') RETURNING id, code`);
  const make = async (email: string, role: Role, trustId: string | null): Promise<TestUser> => {
    const id = await insertUser(t.db, email, role, trustId);
    const user = { id, email, role, trustId };
    return { ...user, token: await tokenFor(t, user) };
  };
  const trustUsers = async (code: string, trustId: string) => ({
    team: await make(`team.${code}@test.nhs.uk`, 'improvement_team', trustId),
    kpo: await make(`kpo.${code}@test.nhs.uk`, 'kpo_lead', trustId),
    ceo: await make(`ceo.${code}@test.nhs.uk`, 'trust_ceo', trustId),
  });
  return {
    trustA: a,
    trustB: b,
    users: {
      admin: await make('admin@test.nhs.uk', 'admin', null),
      regulator: await make('regulator@test.nhs.uk', 'regulator', null),
      A: await trustUsers('aaa', a.id),
      B: await trustUsers('bbb', b.id),
    },
  };
}

export const bearer = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
