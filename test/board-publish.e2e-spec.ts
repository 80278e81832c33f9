// Publishing freezes the board pack (SPEC §4): the admin's request answers 202, the board-pack job
// (the real queue: BullMQ on Redis, the worker in this process) builds the pack and stores it, and
// from then on every read answers those exact bytes, whatever is written and rolled up afterwards.
import { BoardPackService } from '@app/board';
import { QueueName } from '@app/queue';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { clearQueues, testWorker, waitUntilFresh } from './rollups/rollup-support';
import {
  createMeeting,
  day,
  fileReports,
  MONTH,
  waste,
  writeCheckIns,
  writeMeasure,
  writeRecords,
} from './support/board';
import { auditOf } from './support/improvement';
import { bearer, createTestApp, seedWorld, TestApp, World } from './support/test-app';

jest.setTimeout(120_000);

describe('publishing the board pack', () => {
  let t: TestApp;
  let world: World;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    await clearQueues();
    t = await createTestApp();
    worker = await testWorker();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const packText = async (meetingId: string, accept = 'application/json') =>
    (
      await t
        .http()
        .get(`/api/board-meetings/${meetingId}/pack`)
        .set(bearer(world.users.regulator))
        .set('Accept', accept)
        .expect(200)
    ).text;

  async function waitUntilPublished(meetingId: string, timeoutMs = 30_000) {
    const started = Date.now();
    for (;;) {
      const res = await t.http().get(`/api/board-meetings/${meetingId}`).set(bearer(world.users.admin)).expect(200);
      if (res.body.status === 'published') return res.body;
      if (Date.now() - started > timeoutMs) throw new Error(`meeting still ${res.body.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('freezes the pack through the board-pack queue: later reads answer the same bytes after new records are rolled up', async () => {
    await writeRecords(t, world);
    const measure = await writeMeasure(t, world);
    const checkIns = await writeCheckIns(t, world);
    await waitUntilFresh(t, world.users.admin);
    const meeting = await createMeeting(t, world);
    await fileReports(t, world, meeting.id);

    const accepted = await t
      .http()
      .post(`/api/board-meetings/${meeting.id}/publish`)
      .set(bearer(world.users.admin))
      .expect(202);
    expect(accepted.body).toMatchObject({ id: meeting.id, month: MONTH });
    expect(['publishing', 'published']).toContain(accepted.body.status);
    expect(accepted.body.publishRequestedAt).not.toBeNull();
    // reports are read-only from the request on
    await t
      .http()
      .put(`/api/board-meetings/${meeting.id}/reports/${world.trustA.id}`)
      .set(bearer(world.users.A.ceo))
      .send({ progress: 'Late edit', challenges: 'c' })
      .expect(409);

    const published = await waitUntilPublished(meeting.id);
    const frozen = await packText(meeting.id);
    const pack = JSON.parse(frozen);
    expect(pack).toMatchObject({ published: true, month: MONTH, pendingChanges: 0 });
    expect(new Date(pack.publishedAt).getTime()).toBe(new Date(published.publishedAt).getTime());
    expect(pack.trusts[0].figures.month.minutesLost).toBe(45);
    expect(pack.trusts[1].figures.month.minutesLost).toBe(1234.5);
    expect(pack.compactDiscussion.map((c: { checkInId: string }) => c.checkInId)).toEqual([
      checkIns.partly.id,
      checkIns.notMet.id,
    ]);
    const frozenHtml = await packText(meeting.id, 'text/html');
    expect(frozenHtml).toContain('These are the figures the board received');

    // the world moves on: a new record in the month (rolled up), a check-in turned not met, a new measure point
    await waste(t, world.users.A.team, { observedOn: day(MONTH, 25), minutesLost: 50, occurrences: 2 });
    await t
      .http()
      .put('/api/compact/check-ins')
      .set(bearer(world.users.B.ceo))
      .send({ commitmentId: checkIns.phones.id, month: MONTH, status: 'not_met', note: 'changed after publication' })
      .expect(200);
    await t
      .http()
      .put(`/api/measures/${measure.measure.id}/points`)
      .set(bearer(world.users.A.kpo))
      .send([{ periodStart: `${MONTH}-01`, value: 1000 }])
      .expect(200);
    await waitUntilFresh(t, world.users.admin);
    const dashboard = await t
      .http()
      .get(`/api/dashboards/trusts/${world.trustA.id}?from=${pack.periods.month.from}&to=${pack.periods.month.to}`)
      .set(bearer(world.users.admin))
      .expect(200);
    expect(dashboard.body.totals.minutesLost).toBe(145); // the rollups did move

    expect(await packText(meeting.id)).toBe(frozen);
    expect(await packText(meeting.id, 'text/html')).toBe(frozenHtml);
    await t
      .http()
      .put(`/api/board-meetings/${meeting.id}/reports/${world.trustB.id}`)
      .set(bearer(world.users.admin))
      .send({ progress: 'After publication', challenges: 'c' })
      .expect(409);

    // publishing again keeps the first snapshot (200, the meeting as it is)
    const again = await t
      .http()
      .post(`/api/board-meetings/${meeting.id}/publish`)
      .set(bearer(world.users.admin))
      .expect(200);
    expect(again.body).toMatchObject({
      status: 'published',
      publishedAt: published.publishedAt,
      version: published.version,
    });
    expect(await packText(meeting.id)).toBe(frozen);

    const audit = await auditOf(t, 'board_meeting', meeting.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['create', world.users.admin.id],
      ['update', world.users.admin.id],
      ['update', world.users.admin.id],
    ]);
    expect(Object.keys(audit[1].changes)).toEqual(expect.arrayContaining(['publishRequestedAt', 'publishRequestedBy']));
    expect(audit[2].changes.publishedAt.before).toBeNull();
  });

  it('waits for the rollups to include every change committed before publishing', async () => {
    const meeting = await createMeeting(t, world);
    await waitUntilFresh(t, world.users.admin);
    // Hold the rollup jobs back, so the board-pack job finds the new record not yet rolled up.
    const buckets = worker.get<Queue>(getQueueToken(QueueName.RollupBucket));
    await buckets.pause();
    try {
      await waste(t, world.users.B.team, { observedOn: day(MONTH, 6), minutesLost: 33, occurrences: 1 });
      await t.http().post(`/api/board-meetings/${meeting.id}/publish`).set(bearer(world.users.admin)).expect(202);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const waiting = await t
        .http()
        .get(`/api/board-meetings/${meeting.id}`)
        .set(bearer(world.users.admin))
        .expect(200);
      expect(waiting.body.status).toBe('publishing');
    } finally {
      await buckets.resume();
    }
    await waitUntilPublished(meeting.id);
    const pack = JSON.parse(await packText(meeting.id));
    expect(pack.pendingChanges).toBe(0);
    expect(pack.trusts[1].figures.month.minutesLost).toBe(33);
  });

  it('keeps the first snapshot when the job runs twice, and the database refuses to change a published pack', async () => {
    const meeting = await createMeeting(t, world);
    await fileReports(t, world, meeting.id);
    await t.http().post(`/api/board-meetings/${meeting.id}/publish`).set(bearer(world.users.admin)).expect(202);
    await waitUntilPublished(meeting.id);
    const frozen = await packText(meeting.id);

    const rerun = await worker.get(BoardPackService).publish(meeting.id, world.users.admin.id);
    expect(rerun).toMatchObject({ meetingId: meeting.id, built: false });
    expect(await packText(meeting.id)).toBe(frozen);

    await expect(t.db.query(`UPDATE board_pack_snapshots SET pack = '{}'`)).rejects.toThrow(
      /cannot be changed or deleted/,
    );
    await expect(t.db.query(`DELETE FROM board_pack_snapshots`)).rejects.toThrow(/cannot be changed or deleted/);
    expect(await packText(meeting.id)).toBe(frozen);
  });

  it('answers a draft pack differently on every read once the figures change, which is why publishing exists', async () => {
    const meeting = await createMeeting(t, world);
    const before = JSON.parse(await packText(meeting.id));
    expect(before.published).toBe(false);
    await waste(t, world.users.B.team, { observedOn: day(MONTH, 4), minutesLost: 12, occurrences: 1 });
    await waitUntilFresh(t, world.users.admin);
    const after = JSON.parse(await packText(meeting.id));
    expect(after.trusts[1].figures.month.minutesLost).toBe(before.trusts[1].figures.month.minutesLost + 12);
  });
});
