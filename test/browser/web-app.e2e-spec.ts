// The web app in a real browser (headless Chromium) against the real API, Postgres and Redis:
// each role sees its own screens and no others; the waste form shows the API's messages beside the
// fields; a rejected CSV shows its line errors; a logged waste reaches the dashboard after the rollup;
// the SPC chart draws each point in its Making Data Count colour; the board pack prints.
// Screenshots of the main screens go to test-artifacts/screenshots/.
import type { INestApplicationContext } from '@nestjs/common';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import Redis from 'ioredis';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { bearer, createTestApp, PASSWORD, seedWorld, TestApp, truncateAll, World } from '../support/test-app';
import {
  describeInBrowser,
  ensureWebBuilt,
  launchBrowser,
  navLabels,
  newPage,
  REPO_ROOT,
  screenshot,
  serve,
  signIn,
} from './support/browser';

jest.setTimeout(90_000);

// Browser globals, used only inside page.evaluate callbacks (which run in the page, not in Node);
// this file compiles without the DOM library.
declare const document: any;

/** Removes this run's BullMQ keys, so the in-process worker starts from empty queues. */
async function clearQueues(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = process.env.REDIS_PREFIX as string;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

const ALL_SCREENS = [
  'Trust dashboard',
  'Programme',
  'Waste log',
  'Events',
  'Value streams',
  'Measures',
  'Board',
  'Compact',
];

describeInBrowser('the web app in a browser', () => {
  let t: TestApp;
  let world: World;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;
  let closePage: () => Promise<void>;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await createTestApp();
    baseUrl = await serve(t);
    browser = await launchBrowser();
  }, 240_000);
  beforeEach(async () => {
    world = await seedWorld(t);
    const opened = await newPage(browser);
    page = opened.page;
    closePage = () => opened.context.close();
  });
  afterEach(async () => {
    await closePage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe('sign-in and role-aware navigation', () => {
    const expected: Record<string, string[]> = {
      team: ['Trust dashboard', 'Programme', 'Waste log', 'Events', 'Value streams', 'Measures'],
      kpo: ['Trust dashboard', 'Programme', 'Waste log', 'Events', 'Value streams', 'Measures', 'Compact'],
      ceo: ['Trust dashboard', 'Programme', 'Waste log', 'Events', 'Value streams', 'Measures', 'Board', 'Compact'],
      regulator: ['Trust dashboard', 'Programme', 'Board', 'Compact'],
      admin: ALL_SCREENS,
    };
    const userOf = (key: string) =>
      key === 'admin' || key === 'regulator' ? world.users[key] : world.users.A[key as 'team' | 'kpo' | 'ceo'];

    it.each(Object.keys(expected))('shows %s the screens of the role and no others', async (key) => {
      const user = userOf(key);
      await signIn(page, baseUrl, user.email, PASSWORD);
      expect(await navLabels(page)).toEqual(expected[key]);
      // Each forbidden screen, reached by its address, says "no access" instead of showing data.
      const forbidden: Record<string, string> = {
        'Waste log': '/waste',
        Events: '/events',
        'Value streams': '/value-streams',
        Measures: '/measures',
        Board: '/board',
        Compact: '/compact',
      };
      for (const [screen, path] of Object.entries(forbidden)) {
        await page.goto(`${baseUrl}${path}`);
        await page.getByTestId('signed-in-as').waitFor();
        const denied = page.getByTestId('no-access');
        if (expected[key].includes(screen)) await expect(denied.count()).resolves.toBe(0);
        else await denied.waitFor();
      }
    });

    it('is served by the API at / and at every deep link, leaving /api to the API', async () => {
      for (const path of ['/', '/waste/new', '/board/6a1f2f5e-8d2b-4c1e-9a7d-2f8e1c3b4a5d']) {
        const res = await t.http().get(path).expect(200);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.text).toContain('<div id="root">');
      }
      const missing = await t.http().get('/api/no-such-route').set(bearer(world.users.admin)).expect(404);
      expect(missing.body).toMatchObject({ statusCode: 404 });
      await t.http().get('/assets/no-such-file.js').expect(404);
      // The page and its assets pass the API's security headers (helmet's CSP allows them: same origin).
      const page = await t.http().get('/');
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)![1];
      const asset = await t.http().get(script).expect(200);
      expect(asset.headers['cache-control']).toContain('immutable');
    });

    it('lands trust roles on their trust dashboard and programme roles on the programme', async () => {
      await signIn(page, baseUrl, world.users.A.ceo.email, PASSWORD);
      await page.getByTestId('trust-dashboard').waitFor();
      expect(new URL(page.url()).pathname).toBe('/dashboard');
      await expect(page.locator('.page-lead').first().textContent()).resolves.toContain('Alpha Hospitals');
      await screenshot(page, 'trust-dashboard-empty');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await signIn(page, baseUrl, world.users.regulator.email, PASSWORD);
      await page.getByTestId('programme-dashboard').waitFor();
      expect(new URL(page.url()).pathname).toBe('/programme');
      const trusts = await page.getByTestId('programme-trusts').locator('tbody th').allTextContents();
      expect(trusts.map((s) => s.slice(0, 3))).toEqual(['AAA', 'BBB']);
    });

    it('says when the password is wrong, and sends an expired session back to sign-in', async () => {
      await page.goto(baseUrl);
      await page.getByLabel('Email address').fill(world.users.A.team.email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('The email address or password is not right.').waitFor();
      await screenshot(page, 'sign-in-error', false);

      await signIn(page, baseUrl, world.users.A.team.email, PASSWORD);
      // A session cookie the API no longer accepts (here: tampered) must end the session, not show broken screens.
      const [cookie] = await page.context().cookies(baseUrl);
      expect(cookie).toMatchObject({ name: 'kaizen_session', httpOnly: true, sameSite: 'Lax' });
      await page.context().addCookies([{ ...cookie, value: `${cookie.value}x` }]);
      // The next API call (a click, or the dashboard's own refresh, whichever comes first) answers 401.
      await page
        .getByRole('link', { name: 'Waste log', exact: true })
        .click({ timeout: 5000 })
        .catch(() => undefined);
      await page.getByText('Your session has ended.').waitFor();
      await page.getByLabel('Email address').waitFor();
    });
  });
  describe('the waste log', () => {
    /** The field (label, hint, error and control) that holds the input labelled `label`. */
    const fieldOf = (label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });

    it('shows the API validation messages beside the fields, then saves and lists the record', async () => {
      await signIn(page, baseUrl, world.users.A.team.email, PASSWORD, '/waste/new');
      const form = page.getByTestId('waste-form');
      await form.waitFor();
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Observed on').fill(tomorrow);
      await page.getByLabel('Type of waste').selectOption('waiting');
      await page.getByLabel('Minutes lost each time').fill('20000');
      await page.getByLabel('Occurrences').fill('0');
      await page.getByLabel('Impact on patients').selectOption('low');
      await page.getByRole('button', { name: 'Log waste' }).click();
      await page.getByTestId('field-error').first().waitFor();

      // The same body straight to the API: every message it gives must be shown beside its field.
      const api = await t
        .http()
        .post('/api/waste-records')
        .set(bearer(world.users.A.team))
        .send({
          observedOn: tomorrow,
          wasteType: 'waiting',
          description: '',
          minutesLost: 20000,
          occurrences: 0,
          patientImpact: 'low',
          status: 'identified',
          valueStreamId: null,
          improvementEventId: null,
        })
        .expect(400);
      const messages: string[] = api.body.message;
      const byLabel: Record<string, string> = {
        observedOn: 'Observed on',
        description: 'What did you see?',
        minutesLost: 'Minutes lost each time',
        occurrences: 'Occurrences',
      };
      // (The API may judge the date only once the other fields pass: check what it said, whatever it was.)
      expect(messages.length).toBeGreaterThanOrEqual(3);
      for (const m of messages) expect(Object.keys(byLabel)).toContain(m.split(' ')[0]);
      for (const message of messages) {
        const field = message.split(' ')[0];
        await expect(fieldOf(byLabel[field]).getByTestId('field-error').textContent()).resolves.toContain(message);
      }
      // Fields without a problem show none.
      await expect(fieldOf('Type of waste').getByTestId('field-error').count()).resolves.toBe(0);
      await screenshot(page, 'waste-form-errors');

      const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      await page.getByLabel('Observed on').fill(today);
      await page.getByLabel('What did you see?').fill('Patients wait for a porter to take them to X-ray');
      await page.getByLabel('Minutes lost each time').fill('15');
      await page.getByLabel('Occurrences').fill('4');
      await page.getByRole('button', { name: 'Log waste' }).click();
      await page.getByTestId('saved').waitFor();
      const [stored] = await t.db.query(
        `SELECT trust_id, minutes_lost::float AS minutes, occurrences, waste_type FROM waste_records`,
      );
      expect(stored).toEqual({ trust_id: world.trustA.id, minutes: 15, occurrences: 4, waste_type: 'waiting' });

      await page.getByRole('link', { name: 'Waste log', exact: true }).click();
      const table = page.getByTestId('waste-table');
      await table.getByText('Patients wait for a porter').waitFor();
      await screenshot(page, 'waste-log');
      await page.getByLabel('Waste type').selectOption('motion');
      await page.getByText('No waste records match these filters.').waitFor();
      await page.getByLabel('Waste type').selectOption('waiting');
      await table.getByText('Patients wait for a porter').waitFor();
    });

    it('pages through the log with the cursor', async () => {
      const records = Array.from({ length: 30 }, (_, i) => ({
        observedOn: `2024-01-${String(i + 1).padStart(2, '0')}`,
        wasteType: 'motion',
        description: `walk number ${i + 1}`,
        minutesLost: 1,
        patientImpact: 'none',
      }));
      for (const body of records)
        await t.http().post('/api/waste-records').set(bearer(world.users.A.team)).send(body).expect(201);
      await signIn(page, baseUrl, world.users.A.kpo.email, PASSWORD, '/waste');
      const rows = page.getByTestId('waste-table').locator('tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(25);
      await expect(rows.first().textContent()).resolves.toContain('walk number 30');
      await page.getByRole('button', { name: 'Next →' }).click();
      await page.getByText('Page 2').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=waste-table] tbody tr').length === 5);
      await expect(rows.last().textContent()).resolves.toContain('walk number 1');
      expect(await page.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: '← Previous' }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=waste-table] tbody tr').length === 25);
    });

    it('shows the line errors of a rejected CSV file and stores nothing, then imports a valid one', async () => {
      const header = 'observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description';
      const bad = [
        header,
        '2024-03-01,waiting,10,1,low,identified,,fine row',
        '2024-03-02,waiting,-5,1,low,identified,,negative minutes',
        '2024-03-03,sloth,10,1,low,identified,,no such waste',
      ].join('\n');
      const api = await t
        .http()
        .post('/api/waste-records/import')
        .set(bearer(world.users.A.team))
        .set('Content-Type', 'text/csv')
        .send(bad)
        .expect(422);
      const expectedErrors: { line: number; field: string; message: string }[] = api.body.errors;
      expect(expectedErrors.map((e) => e.line)).toEqual([3, 4]);

      await signIn(page, baseUrl, world.users.A.team.email, PASSWORD, '/waste');
      await page
        .getByLabel('CSV file')
        .setInputFiles({ name: 'waste.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.getByRole('button', { name: 'Import file' }).click();
      const errors = page.getByTestId('import-errors');
      await errors.waitFor();
      const rows = await errors
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.querySelectorAll('td') as ArrayLike<any>).map((td) => td.textContent!.trim())),
        );
      expect(rows).toEqual(expectedErrors.map((e) => [String(e.line), e.field, e.message]));
      await screenshot(page, 'waste-import-rejected');
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM waste_records`);
      expect(count).toBe(0);

      const good = [
        header,
        '2024-03-01,waiting,10,1,low,identified,,first imported',
        '2024-03-02,defects,7.5,2,high,eliminated,,second imported',
      ].join('\n');
      await page
        .getByLabel('CSV file')
        .setInputFiles({ name: 'waste.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await page.getByRole('button', { name: 'Import file' }).click();
      await page.getByTestId('import-result').getByText('Imported 2 waste records.').waitFor();
      await page.getByTestId('waste-table').getByText('second imported').waitFor();
      expect(await page.getByTestId('import-errors').count()).toBe(0);
    });

    it('exports the filtered log as the import format', async () => {
      await t
        .http()
        .post('/api/waste-records')
        .set(bearer(world.users.A.team))
        .send({
          observedOn: '2024-02-02',
          wasteType: 'inventory',
          description: 'expired stock, "again"',
          minutesLost: 30,
          patientImpact: 'none',
        })
        .expect(201);
      await signIn(page, baseUrl, world.users.A.ceo.email, PASSWORD, '/waste');
      await page.getByTestId('waste-table').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      const path = join(REPO_ROOT, 'test-artifacts', 'waste-export.csv');
      await download.saveAs(path);
      const text = (await import('node:fs')).readFileSync(path, 'utf8');
      const lines = text.trim().split(/\r?\n/);
      expect(lines[0]).toBe(
        'observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description',
      );
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('2024-02-02,inventory,30,1,none,identified,');
    });
  });
  describe('the dashboards after the rollup', () => {
    // The rollup worker runs in this process, as it does beside the API in production. It starts after
    // seedWorld has emptied the tables and stops before the next test empties them again (a worker
    // busy on old buckets would deadlock with TRUNCATE).
    let worker: INestApplicationContext | undefined;

    beforeEach(async () => {
      await clearQueues();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { startWorker } = require('../../apps/worker/src/bootstrap');
      worker = await startWorker(['error']);
    }, 60_000);
    afterEach(async () => {
      await worker?.close();
      worker = undefined;
    });

    it('shows a waste record logged in the form on the trust and programme dashboards', async () => {
      await signIn(page, baseUrl, world.users.A.team.email, PASSWORD, '/waste/new');
      const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      await page.getByLabel('Observed on').fill(today);
      await page.getByLabel('Type of waste').selectOption('transport');
      await page.getByLabel('What did you see?').fill('Notes carried between buildings by hand');
      await page.getByLabel('Minutes lost each time').fill('12.5');
      await page.getByLabel('Occurrences').fill('8');
      await page.getByLabel('Impact on patients').selectOption('medium');
      await page.getByRole('button', { name: 'Log waste' }).click();
      await page.getByTestId('saved').waitFor();

      await page.getByRole('link', { name: 'Trust dashboard' }).click();
      // 12.5 minutes × 8 = 100 minutes, once the worker has rolled the day up (the page refreshes itself).
      await page.getByTestId('total-minutes-lost').getByText('100 min', { exact: false }).waitFor({ timeout: 30_000 });
      await expect(page.getByTestId('total-waste-records').textContent()).resolves.toContain('1');
      await page
        .getByTestId('freshness')
        .getByText(/updated \d+ s ago/)
        .waitFor();
      const transportRow = await page
        .getByTestId('waste-by-type')
        .locator('tr', { hasText: 'Transport' })
        .evaluate((tr) => Array.from(tr.querySelectorAll('td') as ArrayLike<any>).map((td) => td.textContent));
      expect(transportRow).toEqual(['1', '8', '100', '0']);
      await screenshot(page, 'trust-dashboard');

      await page.getByRole('link', { name: 'Programme' }).click();
      await page.getByTestId('programme-minutes-lost').getByText('100 min').waitFor();
      await screenshot(page, 'programme-dashboard');
      await page.setViewportSize({ width: 768, height: 1024 });
      await screenshot(page, 'programme-dashboard-tablet');
    });
  });

  describe('measures', () => {
    const months = (values: number[]) =>
      values.map((value, i) => ({
        periodStart: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
        value,
      }));
    // Two years of a measure where higher is better: steady noise around 50, one very good month
    // (above the upper limit: improvement) and one very bad month (below the lower limit: concern).
    const VALUES = [50, 53, 47, 52, 48, 51, 49, 54, 30, 50, 52, 48, 51, 49, 53, 72, 52, 48, 50, 51, 49, 52, 48, 50];

    async function createMeasure() {
      const { A } = world.users;
      const created = await t
        .http()
        .post('/api/measures')
        .set(bearer(A.kpo))
        .send({ name: 'Patients discharged before noon', unit: '%', improvementDirection: 'up', target: 75 })
        .expect(201);
      await t.http().put(`/api/measures/${created.body.id}/points`).set(bearer(A.kpo)).send(months(VALUES)).expect(200);
      await t
        .http()
        .post('/api/improvement-events')
        .set(bearer(A.team))
        .send({
          kind: 'rpiw',
          title: 'Discharge before noon',
          startDate: '2024-02-12',
          endDate: '2024-02-16',
          status: 'sustained',
        })
        .expect(201);
      const spc = await t.http().get(`/api/measures/${created.body.id}/spc`).set(bearer(A.kpo)).expect(200);
      return {
        id: created.body.id as string,
        spc: spc.body as { points: { periodStart: string; pointType: string; rule: string | null }[] },
      };
    }

    it('draws every point in its Making Data Count colour, marks the event and names the rule on hover', async () => {
      const { id, spc } = await createMeasure();
      const types = new Set(spc.points.map((p) => p.pointType));
      // The series is built to hold all three kinds of point; if the API read it otherwise, say so here.
      expect(types).toEqual(new Set(['common_cause', 'special_cause_improvement', 'special_cause_concern']));

      await signIn(page, baseUrl, world.users.A.ceo.email, PASSWORD, `/measures/${id}`);
      const chart = page.getByTestId('spc-chart');
      await chart.locator('svg').waitFor();
      await page.getByText('▲ RPIW: Discharge before noon').waitFor();

      const colours: Record<string, string> = {
        common_cause: '#a6a6a6',
        special_cause_improvement: '#289de0',
        special_cause_concern: '#fab428',
        special_cause_neither: '#490092',
      };
      // What the chart says it drew, point by point, against the API's reading.
      const drawn: { periodStart: string; pointType: string; colour: string }[] = JSON.parse(
        (await chart.getAttribute('data-chart'))!,
      );
      expect(drawn.map((p) => [p.periodStart, p.pointType])).toEqual(
        spc.points.map((p) => [p.periodStart, p.pointType]),
      );
      // And what is really on screen: the SVG symbols, counted by fill colour.
      const fills: string[] = await chart
        .locator('svg path[fill]')
        .evaluateAll((paths) => paths.map((p) => (p.getAttribute('fill') ?? '').toLowerCase()));
      for (const [type, colour] of Object.entries(colours)) {
        const expected = spc.points.filter((p) => p.pointType === type).length;
        expect([type, fills.filter((f) => f === colour).length]).toEqual([type, expected]);
      }

      // Hover the concern point: the tooltip names the rule that flagged it.
      const concern = chart.locator(`svg path[fill="${colours.special_cause_concern}" i]`).first();
      await concern.hover();
      const concernPoint = spc.points.find((p) => p.pointType === 'special_cause_concern')!;
      expect(concernPoint.rule).toBe('outside');
      await page.getByText('Flagged by: a point outside the process limits').waitFor();
      await screenshot(page, 'measure-spc');
    });
  });
  describe('value-stream maps', () => {
    it('shows current and future state side by side with their figures and the change', async () => {
      const { A } = world.users;
      const stream = await t
        .http()
        .post('/api/value-streams')
        .set(bearer(A.kpo))
        .send({ name: 'Emergency department to ward', demandPerDay: 96, availableMinutesPerDay: 1440 })
        .expect(201);
      const step = (name: string, wait: number, cycle: number, classification: string, pca = 100) => ({
        name,
        waitTimeMinutes: wait,
        cycleTimeMinutes: cycle,
        classification,
        percentCompleteAccurate: pca,
      });
      const current = await t
        .http()
        .post(`/api/value-streams/${stream.body.id}/maps`)
        .set(bearer(A.team))
        .send({
          state: 'current',
          title: 'ED to ward, current state',
          mappedOn: '2024-03-01',
          steps: [
            step('Arrival and booking', 5, 5, 'necessary_non_value_added', 95),
            step('Triage', 25, 10, 'value_added', 90),
            step('Doctor assessment', 90, 20, 'value_added', 85),
            step('Wait for bed', 180, 0, 'waste'),
            step('Transfer to ward', 30, 15, 'necessary_non_value_added'),
          ],
        })
        .expect(201);
      const future = await t
        .http()
        .post(`/api/value-streams/${stream.body.id}/maps`)
        .set(bearer(A.team))
        .send({
          state: 'future',
          title: 'ED to ward, future state',
          mappedOn: '2024-06-01',
          steps: [
            step('Arrival and streaming', 2, 5, 'value_added', 98),
            step('Doctor assessment', 30, 20, 'value_added', 95),
            step('Transfer to ward', 20, 15, 'necessary_non_value_added'),
          ],
        })
        .expect(201);
      const compare = await t
        .http()
        .get(`/api/maps/${current.body.id}/compare/${future.body.id}`)
        .set(bearer(A.team))
        .expect(200);

      await signIn(page, baseUrl, A.team.email, PASSWORD, `/value-streams/${stream.body.id}`);
      await page.getByRole('link', { name: 'Compare the current and future state' }).click();
      await page.getByTestId('map-compare').waitFor();
      const currentColumn = page.getByTestId('map-column-current');
      const futureColumn = page.getByTestId('map-column-future');
      await futureColumn.waitFor();
      // Lead time 380 min now and 92 min in the future state, as the API computes them.
      expect(compare.body.from.leadTimeMinutes).toBe(380);
      expect(compare.body.to.leadTimeMinutes).toBe(92);
      await expect(currentColumn.getByTestId('lead-time').textContent()).resolves.toContain('380 min');
      await expect(futureColumn.getByTestId('lead-time').textContent()).resolves.toContain('92 min');
      const pce = (compare.body.to.processCycleEfficiency * 100).toFixed(1);
      await expect(futureColumn.getByTestId('pce').textContent()).resolves.toContain(`${pce}%`);
      // The timeline: one block per step in its classification's colour, wait blocks before them.
      const blocks = await currentColumn
        .getByTestId('vsm-timeline')
        .locator('[data-classification]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-classification')));
      expect(blocks).toEqual([
        'necessary_non_value_added',
        'value_added',
        'value_added',
        'waste',
        'necessary_non_value_added',
      ]);
      // The future timeline is drawn on the same scale: narrower, as its lead time is shorter.
      const widthOf = (column: typeof currentColumn) =>
        column.getByTestId('vsm-timeline').evaluate((el) => el.getBoundingClientRect().width);
      const [now, then] = [await widthOf(currentColumn), await widthOf(futureColumn)];
      expect(then / now).toBeCloseTo(92 / 380, 1);
      const leadRow = await page
        .getByTestId('map-change')
        .locator('tr', { hasText: 'Lead time' })
        .evaluate((tr) => Array.from(tr.querySelectorAll('td') as ArrayLike<any>).map((td) => td.textContent));
      expect(leadRow[2]).toContain('-288');
      expect(leadRow[3]).toBe(`${(compare.body.change.leadTimeMinutes.percent as number).toFixed(1)}%`);
      await screenshot(page, 'value-stream-map-compare');
      await page.setViewportSize({ width: 768, height: 1024 });
      await screenshot(page, 'value-stream-map-compare-tablet');
    });
  });

  describe('improvement events', () => {
    it('shows progress to target and takes a follow-up', async () => {
      const { A } = world.users;
      const created = await t
        .http()
        .post('/api/improvement-events')
        .set(bearer(A.team))
        .send({
          kind: 'rpiw',
          title: 'RPIW: theatre turnaround',
          startDate: '2024-04-08',
          endDate: '2024-04-12',
          status: 'follow_up',
          metrics: [
            { name: 'Turnaround time', unit: 'minutes', direction: 'lower_is_better', baseline: 60, target: 30 },
            { name: 'First case on time', unit: '%', direction: 'higher_is_better', baseline: 40, target: 90 },
          ],
        })
        .expect(201);
      await signIn(page, baseUrl, A.team.email, PASSWORD, '/events');
      await page.getByRole('link', { name: 'RPIW: theatre turnaround' }).click();
      const metrics = page.getByTestId('event-metrics');
      await metrics.getByText('No follow-up yet').first().waitFor();

      await page.getByLabel('Checkpoint day').fill('30');
      await page.getByLabel('Measured on').fill('2024-05-13');
      await page.getByLabel('Turnaround time (minutes)').fill('40');
      await page.getByLabel('First case on time (%)').fill('95');
      await page.getByRole('button', { name: 'Add the follow-up' }).click();
      await page.getByText('The follow-up was added.').waitFor();
      // Turnaround: (40 − 60) / (30 − 60) = 67% of the way; first case on time: past the target.
      const row = (name: string) =>
        metrics
          .locator('tr', { hasText: name })
          .evaluate((tr) => Array.from(tr.querySelectorAll('td') as ArrayLike<any>).map((td) => td.textContent));
      await page.waitForFunction(() =>
        document.querySelector('[data-testid=event-metrics]')?.textContent?.includes('67%'),
      );
      expect(await row('Turnaround time')).toEqual(['60', '30', '40', '67%', 'Not met']);
      expect(await row('First case on time')).toEqual(['40', '90', '95', '110%', 'Met']);
      const api = await t.http().get(`/api/improvement-events/${created.body.id}`).set(bearer(A.team)).expect(200);
      expect(api.body.metrics.map((m: { targetMet: boolean }) => m.targetMet)).toEqual([false, true]);
      await screenshot(page, 'event-detail');
    });
  });
  describe('the board and the Compact', () => {
    const thisMonth = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).slice(0, 7);

    it('takes the Compact check-in and the CEO report, shows them in the pack and prints the pack', async () => {
      const { A, admin, regulator } = world.users;
      const commitment = await t
        .http()
        .post('/api/compact/commitments')
        .set(bearer(admin))
        .send({ party: 'trust', category: 'responsibility', text: 'Release staff for every RPIW week' })
        .expect(201);
      const meeting = await t
        .http()
        .post('/api/board-meetings')
        .set(bearer(admin))
        .send({ month: thisMonth() })
        .expect(201);

      await signIn(page, baseUrl, A.ceo.email, PASSWORD, '/compact');
      const checkIns = page.getByTestId('compact-check-ins');
      const row = checkIns.locator('li', { hasText: 'Release staff for every RPIW week' });
      await row.getByLabel('This month we have').selectOption('not_met');
      await row.getByLabel('Note (optional)').fill('Two theatre nurses could not be released');
      await row.getByRole('button', { name: 'Check in' }).click();
      await row.getByText('Saved').waitFor();
      const stored = await t
        .http()
        .get('/api/compact/check-ins')
        .query({ month: thisMonth() })
        .set(bearer(A.ceo))
        .expect(200);
      expect(stored.body.items).toMatchObject([
        { commitmentId: commitment.body.id, trustId: world.trustA.id, status: 'not_met' },
      ]);
      await screenshot(page, 'compact-check-in');

      await page.getByRole('link', { name: 'Board', exact: true }).click();
      await page.getByTestId('board-meetings').getByRole('link').first().click();
      const form = page.getByTestId('report-form');
      await form.getByLabel('Progress').fill('Theatre turnaround down from 60 to 40 minutes after the RPIW.');
      await form.getByLabel('Challenges').fill('Releasing staff for the next RPIW week.');
      await form.getByLabel('Asks of the board (optional)').fill('Help to backfill two theatre nurses.');
      await form.getByRole('button', { name: 'Submit the report' }).click();
      await page.getByText('The report was saved.').waitFor();
      const pack = page.getByTestId('board-pack');
      await pack.getByText('Theatre turnaround down from 60 to 40 minutes after the RPIW.').waitFor();
      await page.getByTestId('compact-discussion').getByText('Two theatre nurses could not be released').waitFor();
      await screenshot(page, 'board-pack');

      // The print view: the API's printable page, fetched with the token and opened in a new window.
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('print-view').click()]);
      await popup.waitForURL(/^blob:/);
      await popup.waitForLoadState('load');
      await popup.getByText('Theatre turnaround down from 60 to 40 minutes after the RPIW.').first().waitFor();
      const pdf = await popup.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      writeFileSync(join(REPO_ROOT, 'test-artifacts', 'board-pack.pdf'), pdf);
      await popup.emulateMedia({ media: 'print' });
      await screenshot(popup, 'board-pack-print-view');
      await popup.close();

      // The regulator reads the same pack, with no report form of its own.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(page, baseUrl, regulator.email, PASSWORD, `/board/${meeting.body.id}`);
      await page.getByTestId('board-pack').getByText('Help to backfill two theatre nurses.').waitFor();
      expect(await page.getByTestId('report-form').count()).toBe(0);
    });
  });
  describe('the main screens with the demo data', () => {
    /** Waits until the page has loaded and shows no error state; answers the screenshot's path. */
    async function shoot(name: string, ready: string, widths: number[] = [1280]): Promise<void> {
      await page
        .getByTestId(ready)
        .first()
        .waitFor({ timeout: 30_000 })
        .catch(async (error: Error) => {
          await screenshot(page, `${name}-failed`);
          throw error;
        });
      await page.waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: 30_000 });
      const errors = await page.locator('.notice--error').allTextContents();
      expect([name, errors]).toEqual([name, []]);
      for (const width of widths) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, width === 1280 ? name : `${name}-${width}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    it('shows every main screen of the demo partnership without an error', async () => {
      await truncateAll(t.db);
      await seedDemo(t.db, { nodeEnv: 'test', timeZone: 'Europe/London', log: () => undefined });
      await clearQueues();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { startWorker } = require('../../apps/worker/src/bootstrap');
      const worker: INestApplicationContext = await startWorker(['error']);
      try {
        const login = await t
          .http()
          .post('/api/auth/login')
          .send({ email: 'regulator@example.nhs.uk', password: DEMO_PASSWORD })
          .expect(200);
        const started = Date.now();
        for (;;) {
          const res = await t
            .http()
            .get('/api/dashboards/programme')
            .set('Authorization', `Bearer ${login.body.accessToken}`);
          if (res.body.freshness?.pendingChanges === 0) break;
          if (Date.now() - started > 90_000) throw new Error('the demo rollups did not catch up within 90 s');
          await new Promise((r) => setTimeout(r, 250));
        }

        await signIn(page, baseUrl, 'ceo.rxw@example.nhs.uk', DEMO_PASSWORD);
        await shoot('demo-trust-dashboard', 'trust-dashboard', [1280, 768]);
        await page.getByRole('link', { name: 'Events', exact: true }).click();
        await shoot('demo-events', 'events-list');
        await page.getByTestId('events-list').getByRole('link').first().click();
        await shoot('demo-event-detail', 'event-metrics');
        await page.getByRole('link', { name: 'Measures', exact: true }).click();
        await shoot('demo-measures', 'measures-list');
        await page.getByTestId('measures-list').getByRole('link').first().click();
        await shoot('demo-measure-spc', 'spc-chart', [1280, 768]);
        await page.getByRole('link', { name: 'Value streams', exact: true }).click();
        await page.getByTestId('value-streams').getByRole('link').first().click();
        await shoot('demo-value-stream', 'maps-list');
        const compare = page.getByRole('link', { name: 'Compare the current and future state' });
        if (await compare.count()) {
          await compare.click();
          await shoot('demo-map-compare', 'map-change');
        }
        await page.getByRole('link', { name: 'Waste log', exact: true }).click();
        await shoot('demo-waste-log', 'waste-list', [1280, 768]);
        await page.getByRole('link', { name: 'Compact', exact: true }).click();
        await shoot('demo-compact', 'compact-check-ins');

        await page.getByRole('button', { name: 'Sign out' }).click();
        await signIn(page, baseUrl, 'regulator@example.nhs.uk', DEMO_PASSWORD);
        await shoot('demo-programme-dashboard', 'small-multiples', [1280, 768]);
        await page.getByRole('link', { name: 'Board', exact: true }).click();
        await page.getByTestId('board-meetings').getByRole('link').first().click();
        await shoot('demo-board-pack', 'board-pack');
        await page
          .locator('.pack__trust')
          .first()
          .screenshot({ path: join(REPO_ROOT, 'test-artifacts', 'screenshots', 'demo-board-pack-first-trust.png') });
      } finally {
        await worker.close();
      }
    }, 240_000);
  });
});
