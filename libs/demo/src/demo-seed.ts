// `npm run seed:demo`: fills an empty database with the demo partnership. Each feature adds
// its own step to DEMO_STEPS; they run in order in one transaction, so a failure leaves nothing.
import { todayIn } from '@app/domain';
import { DataSource } from 'typeorm';
import { boardSeed } from './board.seed';
import { directorySeed } from './directory.seed';
import { improvementSeed } from './improvement.seed';
import { seededRandom } from './random';
import type { SeedContext, SeedStep } from './seed-context';
import { wasteSeed } from './waste.seed';

// boardSeed stays last: it freezes published board packs from what every step before it wrote.
export const DEMO_STEPS: SeedStep[] = [directorySeed, improvementSeed, wasteSeed, boardSeed];

export type SeedOutcome = 'seeded' | 'already-seeded';

export async function seedDemo(
  db: DataSource,
  options: { nodeEnv: string; timeZone: string; log: (message: string) => void },
): Promise<SeedOutcome> {
  if (options.nodeEnv === 'production') throw new Error('seed:demo refuses to run when NODE_ENV=production');
  const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM trusts`);
  if (count > 0) return 'already-seeded';
  await db.transaction(async (em) => {
    const ctx: SeedContext = {
      em,
      today: todayIn(options.timeZone),
      random: seededRandom(20150701),
      trusts: [],
      users: new Map(),
      log: options.log,
    };
    for (const step of DEMO_STEPS) {
      const started = Date.now();
      await step.run(ctx);
      options.log(`seeded ${step.name} in ${Date.now() - started} ms`);
    }
  });
  return 'seeded';
}
