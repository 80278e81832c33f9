// The README's configuration table is the operator's view of the Environment: every variable the
// processes read is listed there with the default they actually apply, and nothing else is.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment, environmentKeys } from './environment';

interface Row {
  names: string[];
  defaultCell: string;
}

/** The rows of the table under "## Configuration": `| `A`, `B` | default | meaning |`. */
function configurationTable(readme: string): Row[] {
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error('README.md has no "## Configuration" section');
  return section
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) => {
      const [namesCell, defaultCell] = line
        .split('|')
        .slice(1, 3)
        .map((cell) => cell.trim());
      return { names: [...namesCell.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]), defaultCell };
    });
}

const rows = configurationTable(readFileSync(join(__dirname, '../../../README.md'), 'utf8'));
const defaults = new Environment() as unknown as Record<string, unknown>;

describe('README configuration table', () => {
  it('lists exactly the variables of the Environment', () => {
    const listed = rows.flatMap((row) => row.names);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(environmentKeys().sort());
  });

  it.each(rows.flatMap((row) => row.names.map((name) => [name, row.defaultCell] as const)))(
    '%s shows the default the code applies',
    (name, defaultCell) => {
      const value = defaults[name];
      if (value === undefined) {
        expect(defaultCell).toMatch(/^(unset|none)\b/);
      } else {
        expect(defaultCell.match(/^`([^`]*)`/)?.[1]).toBe(String(value));
      }
    },
  );

  it('reads every listed variable from the environment', () => {
    // environmentKeys is also the list validateEnvironment reads; a variable it skipped would be
    // documented but silently ignored.
    const keys = environmentKeys();
    for (const key of ['JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'OIDC_ISSUER_URL', 'ROLLUP_JOB_LOCK_MS']) {
      expect(keys).toContain(key);
    }
  });
});

describe('settings are read only through the Environment', () => {
  // A process.env read anywhere else is a setting that skips validation and the README table.
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
      return /\.(ts|tsx|mjs|js)$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
    });
  }

  it('apps/ and libs/ touch process.env only to hand it to validateEnvironment', () => {
    const root = join(__dirname, '../../..');
    const strays = ['apps', 'libs'].flatMap((top) =>
      sources(join(root, top)).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${file.slice(root.length + 1)}:${i + 1}`, line }))
          .filter(({ line }) => /process\.env/.test(line.replace(/validateEnvironment\(process\.env\)/g, ''))),
      ),
    );
    expect(strays.map(({ where }) => where)).toEqual([]);
  });
});
