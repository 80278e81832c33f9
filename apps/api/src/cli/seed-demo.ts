// `npm run seed:demo`: migrations must have run; seeds only an empty database.
import 'reflect-metadata';
import { validateEnvironment } from '@app/config';
import { asSystem, dataSourceOptions } from '@app/database';
import { seedDemo } from '@app/demo';
import { DataSource } from 'typeorm';

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const db = new DataSource(dataSourceOptions(env.DATABASE_URL, 2));
  await db.initialize();
  try {
    const outcome = await asSystem('seed:demo CLI', () =>
      seedDemo(db, {
        nodeEnv: env.NODE_ENV,
        timeZone: env.TZ,
        log: (m) => console.log(`[seed] ${m}`),
      }),
    );
    console.log(
      outcome === 'seeded' ? '[seed] demo data ready' : '[seed] the database already has trusts; nothing seeded',
    );
  } finally {
    await db.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`[seed] failed: ${error.message}`);
  process.exit(1);
});
