import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureJwtSecret, SECRET_FILE } from './jwt-secret.mjs';

describe('npm start signing secret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kaizen-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a random secret on first start into a 0600 file, and reuses it after', () => {
    const data = path.join(dir, '.data');
    const first = ensureJwtSecret(data);
    expect(first.created).toBe(true);
    expect(first.secret.length).toBeGreaterThanOrEqual(48);
    expect(statSync(path.join(data, SECRET_FILE)).mode & 0o777).toBe(0o600);
    const second = ensureJwtSecret(data);
    expect(second).toMatchObject({ created: false, secret: first.secret });
    expect(ensureJwtSecret(path.join(dir, 'other')).secret).not.toBe(first.secret);
  });

  it('replaces a secret that is too short, and tightens the mode of one that is too open', () => {
    const file = path.join(dir, SECRET_FILE);
    writeFileSync(file, 'short\n', { mode: 0o644 });
    const made = ensureJwtSecret(dir);
    expect(made.created).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(made.secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
