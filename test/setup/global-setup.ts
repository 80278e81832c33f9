// Once per test run: recreate the test database and run every migration.
import 'reflect-metadata';
// globalSetup runs outside Jest's module mapper, so no @app alias here.
import { ownerDataSourceOptions } from '../../libs/database/src/data-source-options';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { testDatabaseUrl } from './test-database';

export default async function globalSetup(): Promise<void> {
  const url = new URL(testDatabaseUrl());
  const name = url.pathname.slice(1);
  if (!name.endsWith('_test')) throw new Error(`refusing to recreate ${name}: test databases end in _test`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();

  const db = new DataSource(ownerDataSourceOptions(url.toString(), 2));
  await db.initialize();
  await db.runMigrations();
  await db.destroy();
}
