// Saves the OpenAPI document the built API serves (/api/docs-json) to apps/api/openapi.json, the
// checked-in contract the web app's types are generated from (scripts/web-types.mjs).
// Usage: `node scripts/openapi-snapshot.mjs [--no-build]`; needs DATABASE_URL and Redis like `npm start`.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'apps/api/openapi.json');
const port = process.env.OPENAPI_PORT ?? process.env.PORT ?? '3000';

if (!process.argv.includes('--no-build')) {
  execFileSync(process.execPath, [join(root, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'api'], {
    cwd: root,
    stdio: 'inherit',
  });
}

const api = spawn(process.execPath, [join(root, 'dist/apps/api/apps/api/src/main.js')], {
  cwd: root,
  // A throwaway signing key: this run only serves the document.
  env: { JWT_SECRET: randomBytes(32).toString('hex'), ...process.env, PORT: port, LOG_LEVEL: 'error' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let exited = false;
api.on('exit', () => (exited = true));

try {
  const deadline = Date.now() + 60_000;
  let document;
  while (!document) {
    if (exited) throw new Error('the API stopped before serving its document');
    if (Date.now() > deadline) throw new Error(`no document at http://127.0.0.1:${port}/api/docs-json after 60 s`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/docs-json`);
      if (response.ok) document = await response.json();
    } catch {
      // not listening yet
    }
    if (!document) await new Promise((r) => setTimeout(r, 500));
  }
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote ${out} (${Object.keys(document.paths ?? {}).length} paths)`);
} finally {
  api.kill('SIGTERM');
}
