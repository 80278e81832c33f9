// Runs pending migrations (used by `npm start` and the Docker `migrate` service), then creates
// the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when the platform has no admin yet.
import 'reflect-metadata';
import { hashPassword } from '@app/auth';
import { Environment, validateEnvironment } from '@app/config';
import { ownerDataSourceOptions } from '@app/database';
import { DataSource } from 'typeorm';

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const db = new DataSource(ownerDataSourceOptions(env.DATABASE_URL, 1));
  await db.initialize();
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    console.log(`[migrate] ${ran.length ? ran.map((m) => m.name).join(', ') : 'nothing to run'}`);
    await ensureFirstAdmin(db, env);
  } finally {
    await db.destroy();
  }
}

async function ensureFirstAdmin(db: DataSource, env: Environment): Promise<void> {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) return;
  const [{ admins }] = await db.query(`SELECT count(*)::int AS admins FROM users WHERE role = 'admin'`);
  if (admins > 0) return;
  await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Administrator', 'admin', $2)`, [
    env.ADMIN_EMAIL.toLowerCase(),
    await hashPassword(env.ADMIN_PASSWORD),
  ]);
  console.log(`[migrate] created the first admin ${env.ADMIN_EMAIL.toLowerCase()}`);
}

main().catch((error: Error) => {
  console.error(`[migrate] failed: ${error.message}`);
  process.exit(1);
});
