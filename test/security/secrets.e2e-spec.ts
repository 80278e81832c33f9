// Passwords, their hashes, the JWT secret and access tokens never leave the places they belong: not
// in any answer (every GET route of the router is swept as admin), not in any log line at any
// level (the app runs with a logger that keeps everything, and stdout/stderr are captured too),
// not in any audit entry. The writes that handle passwords — sign-in, creating a user, changing a
// password, and failing each of them in every way — run first.
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/http/configure-app';
import { LoggerService } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { recordFigures } from '../hostile/checks';
import { Fixtures } from '../isolation/fixtures';
import { bearer, ownerDataSource, PASSWORD, seedWorld, TestApp, World } from '../support/test-app';

/** Keeps every line the app logs, whatever its level. */
class KeepingLogger implements LoggerService {
  readonly lines: string[] = [];
  private keep(level: string, message: unknown, rest: unknown[]) {
    this.lines.push(
      `${level} ${typeof message === 'string' ? message : JSON.stringify(message)} ${JSON.stringify(rest)}`,
    );
  }
  log(message: unknown, ...rest: unknown[]) {
    this.keep('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.keep('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.keep('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.keep('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.keep('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.keep('fatal', message, rest);
  }
}

const NEW_PASSWORD = 'Correct-Horse-Battery-Staple-🚑-2025';
const OTHER_PASSWORD = "l0ng-enough-but-'; DROP TABLE users; --";

describe('secrets stay secret', () => {
  const logger = new KeepingLogger();
  const written: string[] = [];
  let t: TestApp;
  let world: World;
  let restore: () => void;
  const answers: string[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger });
    configureApp(app);
    await app.init();
    const server = app.getHttpServer() as App;
    const db = await ownerDataSource();
    const close = async () => {
      await app.close();
      await db.destroy();
    };
    t = { app, db, appDb: app.get(DataSource), http: () => request(server), close };
    // whatever bypasses the logger (a library's console.log) still shows up here
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (
      written.push(String(chunk)),
      out(chunk, ...rest)
    )) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (
      written.push(String(chunk)),
      err(chunk, ...rest)
    )) as typeof process.stderr.write;
    restore = () => {
      process.stdout.write = out;
      process.stderr.write = err;
    };
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(async () => {
    restore();
    await t.close();
  });

  /** Sends, and keeps the answer's text for the sweep. */
  const keep = async (req: request.Test) => {
    const res = await req;
    answers.push(`${res.status} ${res.text}`);
    return res;
  };

  it('never shows a password, a hash, the JWT secret or a token in answers, logs or audit entries', async () => {
    const http = t.http;
    const admin = world.users.admin;
    // sign-in: right, wrong, malformed, unknown, with extra fields, too long
    await keep(http().post('/api/auth/login').send({ email: admin.email, password: PASSWORD }));
    await keep(http().post('/api/auth/login').send({ email: admin.email, password: OTHER_PASSWORD }));
    await keep(http().post('/api/auth/login').send({ email: 'nobody@test.nhs.uk', password: OTHER_PASSWORD }));
    await keep(
      http()
        .post('/api/auth/login')
        .send({ email: admin.email, password: OTHER_PASSWORD, passwordHash: OTHER_PASSWORD }),
    );
    await keep(
      http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":"${admin.email}","password":"${OTHER_PASSWORD}"`),
    );
    await keep(
      http()
        .post('/api/auth/login')
        .send({ email: admin.email, password: `${OTHER_PASSWORD}${'x'.repeat(5000)}` }),
    );
    // users: create, fail to create (short, duplicate email, wrong role for a trust), change the password
    const created = await keep(
      http().post('/api/users').set(bearer(admin)).send({
        email: 'new.secret@test.nhs.uk',
        name: 'New',
        role: 'improvement_team',
        trustId: world.trustA.id,
        password: NEW_PASSWORD,
      }),
    );
    expect(created.status).toBe(201);
    await keep(
      http()
        .post('/api/users')
        .set(bearer(admin))
        .send({ email: 'short@test.nhs.uk', name: 'S', role: 'admin', password: 'short' }),
    );
    await keep(
      http()
        .post('/api/users')
        .set(bearer(admin))
        .send({ email: 'new.secret@test.nhs.uk', name: 'Dup', role: 'admin', password: OTHER_PASSWORD }),
    );
    await keep(
      http()
        .post('/api/users')
        .set(bearer(admin))
        .send({ email: 'x@test.nhs.uk', name: 'X', role: 'admin', trustId: world.trustA.id, password: OTHER_PASSWORD }),
    );
    await keep(
      http()
        .post('/api/users')
        .set(bearer(world.users.A.kpo))
        .send({ email: 'y@test.nhs.uk', name: 'Y', role: 'admin', password: OTHER_PASSWORD }),
    );
    await keep(
      http().patch(`/api/users/${created.body.id}`).set(bearer(admin)).send({ version: 1, password: OTHER_PASSWORD }),
    );
    await keep(
      http().patch(`/api/users/${created.body.id}`).set(bearer(admin)).send({ version: 1, password: NEW_PASSWORD }),
    );
    await keep(
      http().patch(`/api/users/${created.body.id}`).set(bearer(admin)).send({ version: 2, password: 'short' }),
    );
    // the changed password works, the old one does not
    expect(
      (await keep(http().post('/api/auth/login').send({ email: 'new.secret@test.nhs.uk', password: OTHER_PASSWORD })))
        .status,
    ).toBe(200);
    expect(
      (await keep(http().post('/api/auth/login').send({ email: 'new.secret@test.nhs.uk', password: NEW_PASSWORD })))
        .status,
    ).toBe(401);
    // the queue console with the token in the address, once
    await keep(http().get(`/admin/queues?token=${admin.token}`).redirects(0));

    // every GET route, with real records behind its parameters, as the admin
    const fx = new Fixtures(t, world);
    const ids: Record<string, string> = {
      trusts: world.trustA.id,
      'value-streams': (await fx.valueStream('A')).id as string,
      maps: (await fx.map('A')).id as string,
      'waste-records': (await fx.waste('A')).id as string,
      'improvement-events': (await fx.event('A')).id as string,
      measures: (await fx.measure('A')).id as string,
      'board-meetings': (await fx.meeting()).id as string,
      dashboards: world.trustA.id,
    };
    const instance = t.app.getHttpAdapter().getInstance();
    const stack = (instance.router ?? instance._router).stack as {
      route?: { path: string; methods: Record<string, boolean> };
    }[];
    let swept = 0;
    for (const layer of stack) {
      const path = layer.route?.path;
      if (!path?.startsWith('/api/') || path.startsWith('/api/docs') || !layer.route!.methods.get) continue;
      const concrete = path
        .replace(/\/([\w-]+)\/:\w+/g, (_, base: string) => `/${base}/${ids[base] ?? world.trustA.id}`)
        .replace(/:\w+/g, ids.maps);
      const res = await keep(http().get(concrete).set(bearer(admin)));
      swept++;
      // Readiness answers 503 by design while no worker runs; every other route must answer below 500.
      const fine = res.status < 500 || (concrete === '/api/health/ready' && res.status === 503);
      expect({ path: concrete, status: fine }).toEqual({ path: concrete, status: true });
    }
    expect(swept).toBeGreaterThan(25);

    const hashes: { password_hash: string }[] = await t.db.query(`SELECT password_hash FROM users`);
    const secrets = [
      PASSWORD,
      NEW_PASSWORD,
      OTHER_PASSWORD,
      process.env.JWT_SECRET as string,
      admin.token,
      ...hashes.map((h) => h.password_hash),
      ...hashes.map((h) => h.password_hash.split('$').pop() as string), // the hash's digest alone
    ];
    const leaks = (where: string, texts: string[]) =>
      texts.flatMap((text) => {
        const found = secrets.filter((s) => text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1)));
        const shapes = /\$argon2|password_hash/i.test(text) ? ['a hash or its column'] : [];
        return [...found, ...shapes].map((s) => `${where}: ${s.slice(0, 24)}… in ${text.slice(0, 160)}`);
      });

    const audit: { changes: unknown; action: string; entity_id: string }[] = await t.db.query(
      `SELECT changes, action, entity_id FROM audit_entries`,
    );
    expect(audit.length).toBeGreaterThan(5);
    const auditTexts = audit.map((a) => JSON.stringify(a.changes));
    expect(logger.lines.length).toBeGreaterThan(20); // the request log saw the traffic
    recordFigures('security-secrets', {
      answers: answers.length,
      getRoutesSwept: swept,
      logLines: logger.lines.length,
      consoleChunks: written.length,
      auditEntries: audit.length,
    });
    expect({
      answers: leaks('answer', answers),
      logs: leaks('log', logger.lines),
      console: leaks('stdout/stderr', written),
      audit: leaks('audit', auditTexts),
    }).toEqual({ answers: [], logs: [], console: [], audit: [] });
    // the password change is audited (an update of the user), without the password
    expect(audit.filter((a) => a.entity_id === created.body.id).map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'update']),
    );
  });
});
