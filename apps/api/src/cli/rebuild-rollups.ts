// `npm run rollups:rebuild`: rebuilds every rollup row from raw rows, set-based, in one transaction
// (after a restore, and by the benchmarks). Safe while workers run: bucket jobs wait for it, and
// marks it accounted for are cleared. Migrations must have run.
import 'reflect-metadata';
import { validateEnvironment } from '@app/config';
import { asSystem, dataSourceOptions, ownerDataSourceOptions } from '@app/database';
import { RollupRepository } from '@app/rollups';
import { DataSource } from 'typeorm';

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const db = new DataSource(dataSourceOptions(env.DATABASE_URL, 1));
  // VACUUM is the tables' owner's to run; kaizen_app only reads and writes rows.
  const owner = new DataSource(ownerDataSourceOptions(env.DATABASE_URL, 1));
  await db.initialize();
  await owner.initialize();
  try {
    const started = process.hrtime.bigint();
    const result = await asSystem('rollups:rebuild CLI', () => new RollupRepository(db).rebuildAll());
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // The rebuild replaced every row: drop the dead versions and refresh the planner's statistics,
    // or the first dashboards after a restore read through all of them.
    await owner.query(`VACUUM (ANALYZE) rollup_daily, rollup_daily_waste_type`);
    console.log(
      `[rollups:rebuild] ${result.dailyRows} daily rows, ${result.wasteTypeRows} waste-type rows, ` +
        `${result.marksCleared} marks cleared in ${Math.round(ms)} ms`,
    );
  } finally {
    await db.destroy();
    await owner.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`[rollups:rebuild] failed: ${error.message}`);
  process.exit(1);
});
