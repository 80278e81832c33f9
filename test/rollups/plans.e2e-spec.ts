// Plan checks (issue 11): the reconciliation and the audit-log list are served by indexes, and the
// reconciliation keeps its aggregation in memory at 30,000 records in its window. Each check reads
// the plan PostgreSQL chooses for the exact SQL the code runs — EXPLAIN (ANALYZE, FORMAT JSON) of
// RECONCILE_DIFFERENCES under the reconciliation's work_mem, and of AuditService.listQuery's SQL —
// over enough rows (a two-year history around a busy 60-day window) that a sequential scan would be
// the planner's choice without the indexes.
import { AuditService } from '@app/audit';
import { asSystem } from '@app/database';
import { addDays, todayIn } from '@app/domain';
import { RollupRepository } from '@app/rollups';
import { RECONCILE_DIFFERENCES, RECONCILE_WORK_MEM } from '../../libs/rollups/src/rollup-sql';
import { createTestApp, TestApp, truncateAll } from '../support/test-app';

jest.setTimeout(180_000);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Disk Usage'?: number;
  'HashAgg Batches'?: number;
  'Sort Space Type'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

const TODAY = todayIn(process.env.TZ ?? 'Europe/London');
const SINCE = addDays(TODAY, -60);

describe('query plans', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await truncateAll(t.db);
    // 150 trusts; 30,000 waste records and 3,000 events in the reconciliation's 60-day window, and
    // 60,000 older records: about 24,000 (trust, day, waste type) groups in the window.
    await t.db.query(
      `INSERT INTO trusts (code, name) SELECT 'PL' || g, 'Plan trust ' || g FROM generate_series(1, 150) g`,
    );
    await t.db.query(
      `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, occurrences,
                                  patient_impact, status, eliminated_on)
       SELECT trusts[1 + abs(hashtext(g || 't')) % 150],
              (ARRAY['transport','inventory','motion','waiting','overproduction','overprocessing','defects','skills'])[1 + abs(hashtext(g || 'w')) % 8],
              day, 'plan check', ((g * 13) % 4000) / 100.0, 1 + g % 5, 'low',
              CASE WHEN g % 3 = 0 THEN 'eliminated' ELSE 'identified' END,
              CASE WHEN g % 3 = 0 THEN day END
         FROM (SELECT g, (SELECT array_agg(id ORDER BY code) FROM trusts) AS trusts,
                      CASE WHEN g <= 30000 THEN $1::date - abs(hashtext(g || 'd')) % 60 ELSE $1::date - 61 - abs(hashtext(g || 'd')) % 660 END AS day
                 FROM generate_series(1, 90000) g) rows`,
      [TODAY],
    );
    await t.db.query(
      `INSERT INTO improvement_events (trust_id, kind, title, start_date, end_date, status)
       SELECT trusts[1 + (g * 7919) % 150], (ARRAY['rpiw','kaizen','everyday_lean_idea','pdsa'])[1 + g % 4],
              'plan check', $1::date - (g * 17) % 60 - 3, CASE WHEN g % 2 = 0 THEN $1::date - (g * 17) % 60 END,
              (ARRAY['planned','in_progress','follow_up','sustained','closed','abandoned'])[1 + (g * 7) % 6]
         FROM (SELECT g, (SELECT array_agg(id ORDER BY code) FROM trusts) AS trusts FROM generate_series(1, 3000) g) rows`,
      [TODAY],
    );
    // audit trail: 60,000 entries over 40 entity kinds and the 150 trusts
    await t.db.query(
      `INSERT INTO audit_entries (action, entity, entity_id, trust_id, changes, at)
       SELECT 'update', 'entity_' || g % 40, md5((g % 400)::text)::uuid, trusts[1 + g % 150], '{}'::jsonb,
              clock_timestamp() - g * interval '1 minute'
         FROM (SELECT g, (SELECT array_agg(id ORDER BY code) FROM trusts) AS trusts FROM generate_series(1, 60000) g) rows`,
    );
    // the stored rollups of all that, as the worker would hold them
    await new RollupRepository(t.db).rebuildAll();
    await t.db.query(
      `VACUUM ANALYZE waste_records, improvement_events, audit_entries, rollup_daily, rollup_daily_waste_type`,
    );
  });
  afterAll(async () => {
    await truncateAll(t.db);
    await t.close();
  });

  async function explain(sql: string, parameters: unknown[], workMem?: string): Promise<PlanNode> {
    return t.db.transaction(async (em) => {
      if (workMem) await em.query(`SET LOCAL work_mem = '${workMem}'`);
      const [row] = await em.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
      return (row['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
    });
  }

  it('reconciliation reads raw rows and rollups through indexes and never spills to disk', async () => {
    const nodes = nodesOf(await explain(RECONCILE_DIFFERENCES, [SINCE], RECONCILE_WORK_MEM));
    const scans = nodes.filter((n) => n['Relation Name'] && n['Relation Name'] !== 'rollup_marks');
    // every scan of a raw or rollup table is an index scan, through the indexes meant for it
    expect(scans.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
    const indexes = new Set(nodes.map((n) => n['Index Name']).filter(Boolean));
    for (const index of [
      'waste_records_observed_cover_idx',
      'waste_records_eliminated_cover_idx',
      'improvement_events_completed_idx',
      'improvement_events_ideas_idx',
      'rollup_daily_waste_type_day_idx',
    ])
      expect([...indexes]).toContain(index);
    // no node wrote to disk: hash aggregates in one batch, sorts in memory
    const spills = nodes.filter(
      (n) => (n['Disk Usage'] ?? 0) > 0 || (n['HashAgg Batches'] ?? 1) > 1 || n['Sort Space Type'] === 'Disk',
    );
    expect(spills.map((n) => n['Node Type'])).toEqual([]);
  });

  it('without the reconciliation work_mem the same query spills (the setting is what keeps it in memory)', async () => {
    const nodes = nodesOf(await explain(RECONCILE_DIFFERENCES, [SINCE], '4MB'));
    expect(nodes.some((n) => (n['Disk Usage'] ?? 0) > 0 || (n['HashAgg Batches'] ?? 1) > 1)).toBe(true);
  });

  // [filter name, filter, index, whether the plan may sort]: one record's history (entity and
  // entityId, 150 entries here) is small enough that PostgreSQL reads it through its index and sorts
  // it; every wider filter must come out of its index in order, with no sort at all.
  it.each([
    ['no filter', {}, 'audit_entries_at_idx', false],
    ['entity', { entity: 'entity_7' }, 'audit_entries_entity_at_idx', false],
    ['entity and entityId', { entity: 'entity_7', entityId: 'ENTITY' }, 'audit_entries_entity_id_at_idx', true],
    ['trust', { trustId: 'TRUST' }, 'audit_entries_trust_at_idx', false],
  ] as const)('the audit-log list filtered by %s is served by its index', async (_, filter, index, maySort) => {
    const audit = t.app.get(AuditService);
    const resolved: Record<string, string> = { ...filter };
    if (resolved.trustId) resolved.trustId = (await t.db.query(`SELECT id FROM trusts LIMIT 1`))[0].id;
    if (resolved.entityId) resolved.entityId = (await t.db.query(`SELECT md5('7')::uuid AS id`))[0].id;
    // Called outside a request: the admin's view of every trust is the system scope here.
    const first = await asSystem('test: audit-log plan', () => audit.list({ ...resolved, limit: 50 }));
    expect(first.nextCursor).not.toBeNull();
    for (const cursor of [undefined, first.nextCursor ?? undefined]) {
      const [sql, parameters] = audit.listQuery({ ...resolved, limit: 50, cursor }).getQueryAndParameters();
      const nodes = nodesOf(await explain(sql, parameters));
      expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
      expect(nodes.map((n) => n['Index Name']).filter(Boolean)).toEqual([index]);
      if (!maySort) expect(nodes.map((n) => n['Node Type']).filter((type) => /Sort/.test(type))).toEqual([]);
    }
  });
});
