// The throwaway test database: same server as DATABASE_URL, database name with a `_test`
// suffix (TEST_DATABASE_URL overrides). Never the development database.
export function testDatabaseUrl(): string {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kaizen');
  const name = url.pathname.replace(/^\//, '') || 'kaizen';
  url.pathname = `/${name.endsWith('_test') ? name : `${name}_test`}`;
  return url.toString();
}
