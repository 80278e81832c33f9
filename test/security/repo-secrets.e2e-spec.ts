// No secret usable in production appears in the source (SPEC §6): a token signed with any value found
// in the repository answers 401. Every tracked text file is scanned for string literals and
// `KEY=value` settings that could serve as a signing secret; an admin token with a real open session
// is forged with each and must be refused. The same claims signed with the run's own secret pass, so
// the 401s are the secrets and nothing else.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordFigures } from '../hostile/checks';
import { REPO_ROOT } from '../support/processes';
import { createTestApp, seedWorld, TestApp, World } from '../support/test-app';

jest.setTimeout(300_000);

/** The development default this codebase once shipped: named here so that it stays refused. */
const OLD_DEFAULT = ['kaizen-ledger-development-secret', 'do-not-use-in-production'].join('-');
const TEXT = /\.(ts|tsx|mjs|cjs|js|json|ya?ml|md|sh|env|example|txt|css|html)$|(^|\/)(Dockerfile[^/]*|\.env[^/]*)$/;

function trackedTextFiles(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => TEXT.test(f) && f !== 'package-lock.json' && !f.endsWith('common-passwords.ts'));
}

/** String literals and setting values that look like they could be a secret: 8–200 characters, no blanks. */
function candidates(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/'([^'\n\\]{8,200})'|"([^"\n\\]{8,200})"|`([^`\n\\$]{8,200})`/g)) {
    found.push(m[1] ?? m[2] ?? m[3]);
  }
  for (const m of text.matchAll(/^\s*[A-Z0-9_]*(SECRET|PASSWORD|TOKEN|KEY)[A-Z0-9_]*\s*[:=]\s*(\S{8,200})\s*$/gim)) {
    found.push(m[2].replace(/^['"]|['",]+$/g, ''));
  }
  return found.filter((s) => !/\s/.test(s));
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function hs256(claims: object, key: string): string {
  const body = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

describe('no signing secret in the repository', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const adminClaims = () => {
    const now = Math.floor(Date.now() / 1000);
    const { sid } = JSON.parse(Buffer.from(world.users.admin.token.split('.')[1], 'base64url').toString());
    return {
      sub: world.users.admin.id,
      email: world.users.admin.email,
      name: 'admin',
      role: 'admin',
      trustId: null,
      sid,
      iat: now,
      exp: now + 3600,
    };
  };

  it('the old development default is gone from the source', () => {
    const holders = trackedTextFiles().filter(
      (f) =>
        f !== 'test/security/repo-secrets.e2e-spec.ts' &&
        readFileSync(join(REPO_ROOT, f), 'utf8').includes(OLD_DEFAULT),
    );
    expect(holders).toEqual([]);
  });

  it('answers 401 to an admin token signed with any value found in the repository', async () => {
    const files = trackedTextFiles();
    const values = new Set<string>([OLD_DEFAULT]);
    for (const file of files)
      for (const value of candidates(readFileSync(join(REPO_ROOT, file), 'utf8'))) values.add(value);
    expect(values.size).toBeGreaterThan(1000);

    const claims = adminClaims();
    // control: the run's own secret (never written down) passes
    await t
      .http()
      .get('/api/audit')
      .set('Authorization', `Bearer ${hs256(claims, process.env.JWT_SECRET as string)}`)
      .expect(200);

    const accepted: string[] = [];
    const list = [...values];
    for (let i = 0; i < list.length; i += 16) {
      const batch = list.slice(i, i + 16);
      const statuses = await Promise.all(
        batch.map((value) =>
          t
            .http()
            .get('/api/auth/me')
            .set('Authorization', `Bearer ${hs256(claims, value)}`)
            .then((r) => r.status),
        ),
      );
      statuses.forEach((status, j) => status !== 401 && accepted.push(`${batch[j].slice(0, 12)}… → ${status}`));
    }
    recordFigures('security-repo-secrets', {
      filesScanned: files.length,
      valuesTried: list.length,
      accepted: accepted.length,
    });
    expect(accepted).toEqual([]);
  });
});
