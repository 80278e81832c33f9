// The signing secret of `npm start` when JWT_SECRET is not set: 48 random bytes generated on the
// first start into .data/jwt-secret (mode 0600, only the owner reads it) and reused after, so tokens
// survive a restart. No secret is ever written in the source.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'jwt-secret';

/** Returns `{secret, created}`: the secret kept in `dataDir`, made there first if missing. */
export function ensureJwtSecret(dataDir) {
  const file = path.join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) {
      chmodSync(file, 0o600);
      return { secret, created: false, file };
    }
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // writeFileSync keeps the mode of a file that already existed
  return { secret, created: true, file };
}
