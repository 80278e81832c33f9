// Single sign-on and the cookie session in a real browser (headless Chromium): the full redirect dance
// through a real OpenID provider on loopback into the web app, signed in with the mapped role and
// trust; the session survives reloads and new tabs with no token readable by scripts; and a session
// that ends while someone types never loses the form.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, createTestApp, PASSWORD, seedWorld, TestApp, World } from '../support/test-app';
import { freePort } from '../support/processes';
import { clearSsoEnv, ssoEnv, startProvider, TestProvider } from '../sso/provider';
import { describeInBrowser, ensureWebBuilt, launchBrowser, newPage, screenshot, signIn } from './support/browser';

jest.setTimeout(90_000);

// Browser globals, used only inside page.evaluate callbacks.
declare const document: any;
declare const sessionStorage: any;
declare const localStorage: any;

describeInBrowser('single sign-on and the session in a browser', () => {
  let provider: TestProvider;
  let t: TestApp;
  let world: World;
  let browser: Browser;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const redirect = `${baseUrl}/api/auth/oidc/callback`;
    provider = await startProvider(redirect, {
      'sub-browser': {
        email: 'ward.sister@test.nhs.uk',
        email_verified: true,
        name: 'Ward Sister',
        groups: ['Everyone', 'AAA-Improvement'],
      },
    });
    ssoEnv(provider.issuer, redirect);
    t = await createTestApp();
    await t.app.listen(port, '127.0.0.1');
    browser = await launchBrowser();
  }, 240_000);

  beforeEach(async () => {
    world = await seedWorld(t);
    ({ context, page } = await newPage(browser));
  });
  afterEach(() => context.close());
  afterAll(async () => {
    clearSsoEnv();
    await browser?.close();
    await t?.close();
    await provider?.stop();
  });

  it('signs in at the provider and lands in the web app with the mapped role and trust', async () => {
    await t
      .http()
      .post('/api/auth/oidc/rules')
      .set(bearer(world.users.admin))
      .send({ claim: 'groups', equals: 'AAA-Improvement', role: 'improvement_team', trustId: world.trustA.id })
      .expect(201);

    await page.goto(`${baseUrl}/waste`);
    await page.getByTestId('sso-sign-in').click();
    // The provider's own sign-in page, on its own origin.
    await page.getByLabel('Username').fill('sub-browser');
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    await page.getByRole('button', { name: 'Continue' }).click();

    const who = page.getByTestId('signed-in-as');
    await who.waitFor();
    expect(new URL(page.url()).pathname).toBe('/waste');
    await who.getByText('Improvement team, AAA').waitFor(); // the trust's code comes with the trusts list
    await expect(who.textContent()).resolves.toMatch(/^Ward Sister.*Improvement team, AAA/);
    await page.getByRole('heading', { name: 'Waste log' }).waitFor();
    await screenshot(page, 'sso-signed-in', false);

    // The session is an httpOnly cookie: nothing a script can read holds a token.
    // (Cookies ignore ports: the provider's own cookies on 127.0.0.1 show up here too.)
    const session = async () => (await context.cookies(baseUrl)).find((c) => c.name === 'kaizen_session');
    const cookie = (await session())!;
    expect(cookie).toMatchObject({ name: 'kaizen_session', httpOnly: true, sameSite: 'Lax' });
    const readable = await page.evaluate(() => ({
      cookie: document.cookie,
      stored: JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }),
    }));
    expect(readable.cookie).not.toContain('kaizen_session');
    expect(readable.stored).not.toContain(cookie.value.split('.')[0]);

    // A reload and a second tab are still signed in.
    await page.reload();
    await who.waitFor();
    const second = await context.newPage();
    await second.goto(`${baseUrl}/dashboard`);
    await second.getByTestId('signed-in-as').waitFor();

    // Signing out ends it in this tab, in the other one, and for a reload.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await second.getByText('You signed out in another tab.').waitFor();
    await page.reload();
    await page.getByTestId('sso-sign-in').waitFor();
    expect(await session()).toBeUndefined();
  });

  it('shows only single sign-on when PASSWORD_LOGIN=off', async () => {
    const port = await freePort();
    ssoEnv(provider.issuer, `http://127.0.0.1:${port}/api/auth/oidc/callback`, 'off');
    const ssoOnly = await createTestApp();
    try {
      await ssoOnly.app.listen(port, '127.0.0.1');
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByTestId('sso-sign-in').waitFor();
      await expect(page.getByLabel('Email address').count()).resolves.toBe(0);
      await expect(page.getByLabel('Password').count()).resolves.toBe(0);
      await screenshot(page, 'sign-in-sso-only', false);
    } finally {
      await ssoOnly.close();
      ssoEnv(provider.issuer, `${baseUrl}/api/auth/oidc/callback`);
    }
  });

  it('refuses a person no rule matches with a page saying whom to ask', async () => {
    await page.goto(baseUrl);
    await page.getByTestId('sso-sign-in').click();
    await page.getByLabel('Username').fill('sub-browser');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('sso-refusal').waitFor();
    await expect(page.textContent('body')).resolves.toMatch(/KPO lead/);
  });

  it('keeps a half-typed waste form through the end of the session and saves it after signing in again', async () => {
    await signIn(page, baseUrl, world.users.A.team.email, PASSWORD, '/waste/new');
    await page.getByTestId('waste-form').waitFor();
    await page.getByLabel('Type of waste').selectOption('motion');
    await page.getByLabel('What did you see?').fill('Walking to the far store for every dressing pack');
    await page.getByLabel('Minutes lost each time').fill('6');
    await page.getByLabel('Occurrences').fill('12');
    await page.getByLabel('Impact on patients').selectOption('medium');

    // The session ends under the form (its cookie expires), then they press save.
    await context.clearCookies();
    await page.getByRole('button', { name: 'Log waste' }).click();
    await page.getByText('Your session has ended.').waitFor();
    expect(await t.db.query(`SELECT 1 FROM waste_records`)).toHaveLength(0);

    await page.getByLabel('Email address').fill(world.users.A.team.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByTestId('draft-restored').waitFor();
    expect(new URL(page.url()).pathname).toBe('/waste/new');
    await expect(page.getByLabel('Type of waste').inputValue()).resolves.toBe('motion');
    await expect(page.getByLabel('What did you see?').inputValue()).resolves.toBe(
      'Walking to the far store for every dressing pack',
    );
    await expect(page.getByLabel('Minutes lost each time').inputValue()).resolves.toBe('6');
    await expect(page.getByLabel('Occurrences').inputValue()).resolves.toBe('12');
    await expect(page.getByLabel('Impact on patients').inputValue()).resolves.toBe('medium');
    await screenshot(page, 'draft-restored', false);

    await page.getByRole('button', { name: 'Log waste' }).click();
    await page.getByTestId('saved').waitFor();
    const rows = await t.db.query(
      `SELECT waste_type, description, minutes_lost::float AS minutes, occurrences, trust_id FROM waste_records`,
    );
    expect(rows).toEqual([
      {
        waste_type: 'motion',
        description: 'Walking to the far store for every dressing pack',
        minutes: 6,
        occurrences: 12,
        trust_id: world.trustA.id,
      },
    ]);
    // The draft is gone once used: a fresh form starts empty.
    await page.goto(`${baseUrl}/waste/new`);
    await page.getByTestId('waste-form').waitFor();
    await expect(page.getByLabel('What did you see?').inputValue()).resolves.toBe('');
  });
});
