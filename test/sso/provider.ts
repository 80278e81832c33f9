// Starts the tests' real OpenID provider (oidc-provider.mjs) in a child process on a free loopback
// port, and follows its redirects like a browser would (for the API-level tests).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, Proc } from '../support/processes';
import { mkdirSync } from 'node:fs';

export const CLIENT_ID = 'kaizen-ledger-test';
export const CLIENT_SECRET = 'test-client-secret-not-used-anywhere-else';

export interface TestProvider {
  issuer: string;
  stop: () => Promise<void>;
}

export type Accounts = Record<string, Record<string, unknown>>;

export async function startProvider(
  redirectUri: string,
  accounts: Accounts,
  options: { tamperSubs?: string[] } = {},
): Promise<TestProvider> {
  const port = await freePort();
  const dir = join(__dirname, '../../test-artifacts/sso');
  mkdirSync(dir, { recursive: true });
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: {
      PATH: process.env.PATH,
      OP_PORT: String(port),
      OP_CLIENT_ID: CLIENT_ID,
      OP_CLIENT_SECRET: CLIENT_SECRET,
      OP_REDIRECT_URI: redirectUri,
      OP_ACCOUNTS: JSON.stringify(accounts),
      OP_TAMPER_SUBS: JSON.stringify(options.tamperSubs ?? []),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = new Proc('oidc-provider', child, join(dir, `provider-${Date.now()}.log`));
  await proc.waitFor(/listening on/, 30_000);
  return { issuer: `http://127.0.0.1:${port}`, stop: () => proc.kill() };
}

/** Sets the app's single sign-on settings for a test app created after this call. */
export function ssoEnv(issuer: string, redirectUri: string, passwordLogin: 'on' | 'off' = 'on'): void {
  process.env.OIDC_ISSUER_URL = issuer;
  process.env.OIDC_CLIENT_ID = CLIENT_ID;
  process.env.OIDC_CLIENT_SECRET = CLIENT_SECRET;
  process.env.OIDC_REDIRECT_URL = redirectUri;
  process.env.PASSWORD_LOGIN = passwordLogin;
}

export function clearSsoEnv(): void {
  for (const key of [
    'OIDC_ISSUER_URL',
    'OIDC_CLIENT_ID',
    'OIDC_CLIENT_SECRET',
    'OIDC_REDIRECT_URL',
    'PASSWORD_LOGIN',
  ]) {
    delete process.env[key];
  }
}

/** `name=value` of a Set-Cookie list's cookie, or undefined. */
export function cookieFrom(setCookie: string[] | string | undefined, name: string): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = list.find((c) => c.startsWith(`${name}=`));
  return line?.split(';')[0];
}

/**
 * Follows the provider's redirects from the authorization URL (keeping its cookies) until it sends
 * the browser back to `redirectUri`; answers that callback URL.
 */
export async function followProvider(authorizationUrl: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${url} with ${res.status}: ${await res.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return next;
    url = next.href;
  }
  throw new Error('the provider redirected more than 10 times');
}
