// Runs pending migrations (used by `npm start` and the Docker api container before it serves).
import 'reflect-metadata';
import { validateEnvironment } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { DataSource } from 'typeorm';

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const db = new DataSource(dataSourceOptions(env.DATABASE_URL, 1));
  await db.initialize();
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    console.log(`[migrate] ${ran.length ? ran.map((m) => m.name).join(', ') : 'nothing to run'}`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`[migrate] failed: ${error.message}`);
  process.exit(1);
});
